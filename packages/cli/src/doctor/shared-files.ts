import { statSync } from 'node:fs';
import { LineIndex } from '@credlint/core';
import { parseAwsShared, profileName, validateAwsShared, type AwsSharedDocument } from '@credlint/dotenv';
import { displayPath, sharedFileLocations, type SharedFileLocation } from './paths.js';
import { formatBytes, MAX_FILE_BYTES, readCapped } from './read.js';
import { ENVIRONMENT, type DoctorFinding, type DoctorReport } from './types.js';

export interface SharedFile extends SharedFileLocation {
  display: string;
  text: string;
  doc: AwsSharedDocument;
  lines: LineIndex;
}

/** One setting of a profile, with where it is written (for findings that point at the line). */
export interface Setting {
  key: string;
  value: string;
  file: SharedFile;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Profile {
  name: string;
  /** Merged view: the config file's settings, overridden by the credentials file's (as the SDKs merge them). */
  settings: Map<string, Setting>;
  /** Where the profile's sections start. */
  sections: { file: SharedFile; line: number }[];
}

export interface SsoSession {
  name: string;
  settings: Map<string, Setting>;
  file: SharedFile;
  line: number;
}

export interface SharedConfig {
  files: SharedFile[];
  profiles: Map<string, Profile>;
  ssoSessions: Map<string, SsoSession>;
}

export function fileFinding(
  file: string,
  ruleId: string,
  kind: DoctorFinding['kind'],
  severity: DoctorFinding['severity'],
  message: string,
  fix: string,
  at?: { line: number; column: number; endLine: number; endColumn: number },
): DoctorFinding {
  const pos = at ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { file, ...pos, ruleId, kind, severity, message, fix };
}

export function settingAt(s: Setting): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn };
}

/** Fix text for the dotenv shared-file checks, phrased for ~/.aws files. */
const SHARED_FIXES: Record<string, string> = {
  'session-token-required':
    'Add `aws_session_token` from the same STS response to this profile, or replace the temporary key with a profile that obtains credentials itself (sso_session, role_arn, credential_process).',
  'unexpected-session-token': 'Remove `aws_session_token` from this profile: a long-term AKIA key is signed without a token.',
  'incomplete-key-pair': 'Give the profile both `aws_access_key_id` and `aws_secret_access_key` from the same key.',
  'malformed-access-key-id': 'Copy the access key id again (20 characters, AKIA… or ASIA…), without quotes or spaces.',
  'malformed-secret-access-key': 'Copy the secret access key again (40 characters), without quotes or spaces.',
  'placeholder-credential': 'Replace the placeholder with a real credential, or remove the line.',
  'invalid-region': 'Set `region` to a region code such as `us-east-1`.',
  // validateAwsShared uses this id for keys written in the config file
  'conflicting-credential-sources':
    'Move the keys to ~/.aws/credentials under the same profile name (`[name]`, without `profile`) and delete them from config.',
  'duplicate-key': 'Keep one section / one setting and delete the other, so that it is clear which value is used.',
  'invalid-key': 'Fix the line: every setting is `key = value` inside a `[section]`.',
  'invalid-typed-value': 'Set the value in the type the SDKs expect (see the message).',
};

/**
 * Loads ~/.aws/credentials and ~/.aws/config (or where the env overrides put them) and runs the dotenv
 * shared-file checks on each. Missing default files are normal; a missing override is a finding.
 */
export function loadSharedFiles(
  env: NodeJS.ProcessEnv,
  cwd: string,
  selectedProfile: string,
): {
  config: SharedConfig;
  findings: DoctorFinding[];
  errors: DoctorReport['errors'];
} {
  const findings: DoctorFinding[] = [];
  const errors: DoctorReport['errors'] = [];
  const files: SharedFile[] = [];
  for (const loc of sharedFileLocations(env, cwd)) {
    const display = displayPath(loc.path, cwd);
    const read = readCapped(loc.path);
    if (!read.ok) {
      const code = read.code;
      if (code === 'ENOENT' && !loc.override) continue;
      if (code === 'ENOENT') {
        findings.push(
          fileFinding(
            ENVIRONMENT,
            'shared-file-not-found',
            'shared-file',
            'error',
            `${loc.override} points to ${display}, which does not exist; the AWS CLI and SDKs then find no ${loc.kind} file at all.`,
            `Fix the path in ${loc.override} or \`unset ${loc.override}\` to use ~/.aws/${loc.kind}.`,
          ),
        );
      } else if (code === 'too-large') {
        // Not read at all: reported as a finding and in summary.errors (fail closed, exit 2).
        const message = `The ${loc.kind} file ${display} is ${formatBytes(read.size ?? 0)}, over doctor's limit of ${formatBytes(MAX_FILE_BYTES)}, so doctor did not read or check it.`;
        findings.push(
          fileFinding(
            display,
            'file-too-large',
            'shared-file',
            'error',
            message,
            `Shared files this large are not hand-written: check what generated ${display} (a loop appending profiles?) and trim it.`,
          ),
        );
        errors.push({ file: display, code: 'too-large', message });
      } else {
        findings.push(
          fileFinding(
            display,
            'shared-file-unreadable',
            'shared-file',
            'error',
            `The ${loc.kind} file ${display} cannot be read (${code === 'not-a-file' ? 'not a regular file' : code}); the AWS CLI and SDKs cannot read it either.`,
            `Make it a regular file readable by you: \`chmod 600 ${display}\`.`,
          ),
        );
      }
      continue;
    }
    const text = read.text;
    const doc = parseAwsShared(text, { kind: loc.kind, filename: display });
    const file: SharedFile = { ...loc, display, text, doc, lines: new LineIndex(text) };
    files.push(file);
    for (const d of validateAwsShared(text, { kind: loc.kind, filename: display, profile: selectedProfile })) {
      findings.push(
        fileFinding(
          display,
          d.checkId,
          'shared-file',
          d.severity,
          d.message,
          SHARED_FIXES[d.checkId] ?? `See https://github.com/credlint/credlint/blob/main/docs/checks/${d.checkId}.md.`,
          { line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn },
        ),
      );
    }
  }
  return { config: buildConfig(files), findings, errors };
}

function buildConfig(files: SharedFile[]): SharedConfig {
  const profiles = new Map<string, Profile>();
  const ssoSessions = new Map<string, SsoSession>();
  // config first, then credentials, so that credentials settings win as in the SDKs
  const ordered = [...files].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'config' ? -1 : 1));
  for (const file of ordered) {
    for (const section of file.doc.sections) {
      const settings = new Map<string, Setting>();
      for (const e of section.entries) {
        const start = file.lines.positionAt(e.start);
        const end = file.lines.positionAt(e.end);
        settings.set(e.key.toLowerCase(), {
          key: e.key,
          value: e.value,
          file,
          line: start.line,
          column: start.column,
          endLine: end.line,
          endColumn: end.column,
        });
      }
      if (section.type === 'sso-session') {
        if (file.kind === 'config') ssoSessions.set(section.name, { name: section.name, settings, file, line: section.line });
        continue;
      }
      // The parser's reading: [name] in credentials, [default] / [profile name] in config.
      const name = profileName(section);
      if (name === undefined) continue;
      const profile: Profile = profiles.get(name) ?? { name, settings: new Map(), sections: [] };
      for (const [k, v] of settings) profile.settings.set(k, v);
      profile.sections.push({ file, line: section.line });
      profiles.set(name, profile);
    }
  }
  return { files, profiles, ssoSessions };
}

/** Credentials and SSO caches are readable only by their owner (`chmod 600`); group/other access is a finding. */
export function permissionFinding(path: string, display: string, what: string): DoctorFinding | undefined {
  if (process.platform === 'win32') return undefined;
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    return undefined;
  }
  if ((mode & 0o077) === 0) return undefined;
  const who = mode & 0o007 ? 'every user on this machine' : 'the members of its group';
  return fileFinding(
    display,
    'shared-file-permissions',
    'shared-file',
    mode & 0o007 ? 'error' : 'warning',
    `${display} (${what}) has mode ${mode.toString(8).padStart(3, '0')}: ${who} can read it.`,
    `\`chmod 600 ${display}\``,
  );
}
