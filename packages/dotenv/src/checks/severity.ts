import type { CheckId, CheckSetting, Severity } from '../types.js';

/**
 * Each check's one severity, for every front end: `credlint scan`, `credlint dotenv`, the ESLint
 * rules (`configs.recommended` reads this table) and the docs (docs/checks/<id>.md opens its
 * "Severity" section with it; a test compares). A diagnostic never carries another severity unless
 * the user overrides it (`checks` settings, a config file): see `severityOf`.
 *
 * The rule: **error** when a reader of the chosen dialect gets a value other than the one written,
 * or no value, or the file leaks or is about to leak (a check is only reported then); **warning**
 * when the file works but is fragile, incomplete or drifting.
 */
export const CHECK_SEVERITY: Readonly<Record<CheckId, { severity: Severity; why: string }>> = Object.freeze({
  'quoted-value': {
    severity: 'error',
    why: 'a reader of the dialect keeps the quotes or unquotes differently: it gets another value (docker: `"eu-west-1"`, quotes included).',
  },
  'space-around-equals': {
    severity: 'error',
    why: 'reported only when a reader of the dialect loses or changes the value (bash runs `KEY = v` as a command; docker rejects the file).',
  },
  'trailing-whitespace': {
    severity: 'warning',
    why: 'invisible and always fixable; where the blanks end up in a value that matters (a region, a key), the AWS checks report that value as an error.',
  },
  'inline-comment': { severity: 'error', why: 'a reader of the dialect reads the comment as part of the value.' },
  'unquoted-hash': { severity: 'error', why: 'a reader of the dialect cuts the value at `#`.' },
  'unquoted-value': { severity: 'error', why: 'a reader of the dialect splits, runs or expands the value: it gets another value, or none.' },
  'export-prefix': { severity: 'error', why: 'reported only when docker is a reader of the dialect, and docker rejects the whole file.' },
  'unterminated-quote': { severity: 'error', why: 'the value runs into the following lines, or the reader rejects the file.' },
  'duplicate-key': { severity: 'warning', why: 'the readers agree on the last value; the earlier line is dead and easy to edit by mistake.' },
  'invalid-key': { severity: 'error', why: 'reported only when a reader of the dialect skips or rejects the line, or runs it as a command.' },
  'session-token-required': { severity: 'error', why: 'a temporary key without its token fails every request.' },
  'unexpected-session-token': { severity: 'error', why: 'a long-term key with a token fails every request.' },
  'conflicting-credential-sources': { severity: 'warning', why: 'one source silently wins; the set-up works, but not with the credentials you may think.' },
  'incomplete-key-pair': { severity: 'error', why: 'half a key pair fails every request.' },
  'missing-region': { severity: 'warning', why: 'the profile in `~/.aws/config` may set a region.' },
  'invalid-region': {
    severity: 'error',
    why: 'the SDK sends requests to an endpoint that does not exist (for a region-shaped name not in the table, the message says it may be newer than the data).',
  },
  'malformed-access-key-id': { severity: 'error', why: 'AWS rejects the key.' },
  'malformed-secret-access-key': { severity: 'error', why: 'AWS rejects the signature; a real secret is never shaped like this one.' },
  'placeholder-credential': { severity: 'warning', why: 'a placeholder is not a leak; the set-up is unfinished.' },
  'invalid-typed-value': { severity: 'error', why: 'the SDK throws or ignores the setting at startup.' },
  'env-file-not-ignored': {
    severity: 'error',
    why: 'one `git add .` commits the file; env files are where credentials go, today or next week, and the fix is one line of `.gitignore`.',
  },
  'env-file-tracked': { severity: 'error', why: 'every value in the file is (or is about to be) in the history.' },
  'example-drift': {
    severity: 'warning',
    why: 'a local file with fewer or more names than the example is common and often intended (optional settings): worth knowing, never a failed build.',
  },
  'credential-in-example': { severity: 'error', why: 'example files are committed: the credential is shared with everyone who can read the repository.' },
  // Opt-in checks (off unless a setting names them): style is a warning; a schema the team wrote is a contract.
  'unordered-key': { severity: 'warning', why: 'style, opt-in: every reader reads the keys in any order.' },
  'lowercase-key': { severity: 'warning', why: 'style, opt-in: every reader accepts lowercase names.' },
  'extra-blank-line': { severity: 'warning', why: 'style, opt-in: blank lines change no value.' },
  'ending-blank-line': { severity: 'warning', why: 'style, opt-in: the last line is read; only tools appending to the file are at risk.' },
  'key-without-value': { severity: 'warning', why: 'style, opt-in: the readers disagree only on whether the name is set (empty) or skipped.' },
  'substitution-key': {
    severity: 'warning',
    why: 'style, opt-in: a `${…}` form some reader does not expand; the reader-specific checks report the values it changes.',
  },
  schema: { severity: 'error', why: 'opt-in: the file breaks the schema the team wrote for it (a missing required key, a value of the wrong type).' },
});

/** A check's default severity. */
export function defaultSeverity(id: CheckId): Severity {
  return CHECK_SEVERITY[id].severity;
}

/**
 * The severity a check is reported with under the user's settings: `off` (or `false`) = not at all,
 * `error`/`warning` = that, anything else (`true`, unset) = the default. Every front end asks this
 * one function, so a configuration layer can wrap it.
 */
export function severityOf(id: CheckId, settings: Partial<Record<CheckId, CheckSetting>> = {}): Severity | 'off' {
  const s = settings[id];
  if (s === 'off' || s === false) return 'off';
  if (s === 'warning' || s === 'error') return s;
  return defaultSeverity(id);
}
