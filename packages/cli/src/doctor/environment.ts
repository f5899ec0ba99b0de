import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex, mask } from '@credlint/core';
import { checks, parse, validateVariables, type Diagnostic } from '@credlint/dotenv';
import { isSecretName, showValue } from './masking.js';
import { formatBytes, MAX_FILE_BYTES, readCapped } from './read.js';
import { ENVIRONMENT, type DoctorFinding, type DoctorReport } from './types.js';

export interface EnvVariable {
  key: string;
  /** As exported. */
  raw: string;
  /** Without the stray quotes / whitespace doctor reported: what the user meant, judged by the AWS checks. */
  value: string;
}

/** Every `AWS_*` variable of the environment, sorted by name. */
export function awsVariables(env: NodeJS.ProcessEnv): EnvVariable[] {
  return Object.keys(env)
    .filter((k) => k.startsWith('AWS_') && env[k] !== undefined)
    .sort()
    .map((key) => {
      const raw = env[key] ?? '';
      return { key, raw, value: unwrap(raw) };
    });
}

const QUOTE = /^["'`]|["'`]$/;

/** The value without surrounding whitespace and quotes: what the user meant to export. */
export function unwrap(raw: string): string {
  let v = raw.trim();
  if (v.length >= 2 && /^(["'`]).*\1$/s.test(v)) v = v.slice(1, -1).trim();
  else if (QUOTE.test(v))
    v = v
      .replace(/^["'`]/, '')
      .replace(/["'`]$/, '')
      .trim();
  return v;
}

function envFinding(ruleId: string, severity: 'error' | 'warning', message: string, fix: string): DoctorFinding {
  return { file: ENVIRONMENT, line: 1, column: 1, endLine: 1, endColumn: 1, ruleId, kind: 'environment', severity, message, fix };
}

function describeWhitespace(raw: string): string {
  const parts: string[] = [];
  const lead = /^\s+/.exec(raw)?.[0] ?? '';
  // Not /\s+$/: it restarts at every blank of a long run (quadratic); trimEnd trims the same \s set.
  const trail = raw.slice(raw.trimEnd().length);
  const name = (ws: string): string =>
    ws.includes('\r')
      ? 'a carriage return (\\r: the value came from a file with Windows line endings)'
      : ws.includes('\n')
        ? 'a newline'
        : ws.includes('\t')
          ? 'a tab'
          : ws.length === 1
            ? 'a space'
            : `${ws.length} spaces`;
  if (lead) parts.push(`starts with ${name(lead)}`);
  if (trail) parts.push(`ends with ${name(trail)}`);
  return parts.join(' and ');
}

/**
 * What only shows in a live environment: values that still carry the quotes or whitespace of the file or
 * `export` line they came from. The SDKs use a value as is, so `"AKIA…"` or `us-east-1\r` fail at AWS.
 */
export function inspectValueShapes(vars: EnvVariable[]): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  for (const v of vars) {
    const trimmed = v.raw.trim();
    const shown = showValue(v.key, v.value);
    if (QUOTE.test(trimmed)) {
      out.push(
        envFinding(
          'value-has-quotes',
          'error',
          `${v.key} (${shown}) includes quote characters as part of its value; the AWS CLI and SDKs send them as is, so the value is wrong at AWS.`,
          `Export it without quotes (\`export ${v.key}=…\`), and if it comes from \`docker run --env-file\`, remove the quotes in that file: docker keeps them.`,
        ),
      );
    }
    if (v.raw !== trimmed) {
      out.push(
        envFinding(
          'value-has-whitespace',
          'error',
          `${v.key} (${shown}) ${describeWhitespace(v.raw)}; the AWS CLI and SDKs do not trim it${isSecretName(v.key) ? ', so the request signature or key id is wrong' : ''}.`,
          v.raw.includes('\r')
            ? `Convert the file it was loaded from to LF line endings (\`dos2unix FILE\`) and load it again.`
            : `Re-export it without the surrounding whitespace (\`export ${v.key}=…\`), or remove the trailing blanks in the file it came from.`,
        ),
      );
    }
  }
  return out;
}

/** Shell-specific fixes for the dotenv AWS checks when they fire on the process environment. */
const ENV_FIXES: Record<string, string> = {
  'session-token-required':
    'Export AWS_SESSION_TOKEN from the same STS response as the ASIA key, or `unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY` and use a profile.',
  'unexpected-session-token': '`unset AWS_SESSION_TOKEN`: a long-term AKIA key is signed without a token, and a leftover token makes STS reject the request.',
  'conflicting-credential-sources':
    'Keep one source: `unset AWS_PROFILE` to use the keys everywhere, or `unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN` to use the profile everywhere.',
  'incomplete-key-pair': 'Export both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (from the same key), or unset the one that is left.',
  'missing-region': 'Export AWS_REGION (read by every SDK; AWS_DEFAULT_REGION is read by the CLI and Python only) or set `region` in the profile.',
  'invalid-region': 'Export a region code such as `us-east-1` (see `aws ec2 describe-regions`).',
  'malformed-access-key-id': 'Copy the access key id again from the IAM console or the STS response (20 characters, AKIA… or ASIA…).',
  'malformed-secret-access-key': 'Copy the secret access key again (40 characters of A–Z, a–z, 0–9, + and /); it is shown only once when the key is created.',
  'placeholder-credential': 'Replace the placeholder with a real credential, or unset the variable.',
  'invalid-typed-value': 'Set the value in the type the SDKs expect (see the message).',
};

export function envFixFor(checkId: string): string {
  return ENV_FIXES[checkId] ?? `See https://github.com/credlint/credlint/blob/main/docs/checks/${checkId}.md.`;
}

/** The dotenv AWS checks over the cleaned values (quotes and whitespace are doctor's own findings above). */
export function inspectAwsVariables(vars: EnvVariable[]): DoctorFinding[] {
  const diagnostics: Diagnostic[] = validateVariables(
    vars.map((v) => ({ key: v.key, value: v.value })),
    { source: 'the environment' },
  );
  return (
    diagnostics
      .filter((d) => checks[d.checkId]?.kind !== 'format')
      // A placeholder in a file may be a template; exported in the live shell, it is what gets signed with.
      .map((d) => envFinding(d.checkId, d.checkId === 'placeholder-credential' ? 'error' : d.severity, d.message, envFixFor(d.checkId)))
  );
}

/**
 * A `.env` in cwd that disagrees with the exported environment: dotenv never overrides an exported
 * variable, so the app started from this shell and the one started elsewhere (IDE, container) differ.
 */
export function compareDotenv(
  env: NodeJS.ProcessEnv,
  cwd: string,
  file: string,
): { findings: DoctorFinding[]; errors: DoctorReport['errors']; inspected?: string } {
  const path = join(cwd, file);
  if (!existsSync(path)) return { findings: [], errors: [] };
  const read = readCapped(path);
  if (!read.ok) {
    // Not compared: said so (summary.errors, exit 2), not skipped silently.
    const message =
      read.code === 'too-large'
        ? `${file} is ${formatBytes(read.size ?? 0)}, over doctor's limit of ${formatBytes(MAX_FILE_BYTES)}, so doctor did not compare it with the environment.`
        : `${file} cannot be read (${read.code === 'not-a-file' ? 'not a regular file' : read.code}), so doctor did not compare it with the environment.`;
    return { findings: [], errors: [{ file, code: read.code === 'too-large' || read.code === 'not-a-file' ? read.code : 'unreadable', message }] };
  }
  const text = read.text;
  const index = new LineIndex(text);
  const findings: DoctorFinding[] = [];
  for (const node of parse(text, { filename: file }).nodes) {
    if (node.type !== 'entry' || !node.key.startsWith('AWS_')) continue;
    const fileValue = node.values.dotenv;
    const shellValue = env[node.key];
    if (fileValue === undefined || shellValue === undefined || fileValue === shellValue) continue;
    const start = index.positionAt(node.keyStart);
    const end = index.positionAt(node.valueEnd);
    const onlyShape = fileValue.trim() === unwrap(shellValue);
    const shownFile = isSecretName(node.key) ? mask(fileValue) : showValue(node.key, fileValue);
    const shownShell = showValue(node.key, shellValue);
    findings.push({
      file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      ruleId: 'env-differs-from-dotenv',
      kind: 'environment',
      severity: 'warning',
      message: `${node.key} in ${file} (${shownFile}) differs from the exported value (${shownShell})${onlyShape ? ' only by quotes or whitespace' : ''}: dotenv does not override an exported variable, so the AWS CLI and any app started from this shell use the exported value, while an app started elsewhere (IDE, Compose, CI) loads the one in ${file}.`,
      fix: `Make them agree: \`unset ${node.key}\` to use ${file}, or change or remove the line in ${file}.`,
    });
  }
  return { findings, errors: [], inspected: file };
}
