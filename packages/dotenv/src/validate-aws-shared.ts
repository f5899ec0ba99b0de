import { LineIndex, inspectAccessKeyId, isDocumentationExample, isPlaceholder, keyTypeOf, mask } from '@credlint/core';
import type { AwsSection, AwsSharedDocument } from './aws-shared.js';
import { parseAwsShared, profileName } from './aws-shared.js';
import { judge } from './checks/invalid-region.js';
import { typeProblem } from './checks/invalid-typed-value.js';
import { diagnostic } from './context.js';
import type { CheckId, CheckSetting, Diagnostic } from './types.js';
import { applySettings } from './validate.js';
import { append } from './append.js';
import { safeMessage } from './safe-message.js';

const KEY_SETTINGS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'];

/** Typed settings of the shared config file (AWS SDKs and Tools reference guide). */
const CONFIG_TYPED: Record<string, 'number' | 'boolean' | string[]> = {
  max_attempts: 'number',
  retry_mode: ['standard', 'adaptive', 'legacy'],
  use_fips_endpoint: 'boolean',
  use_dualstack_endpoint: 'boolean',
  sts_regional_endpoints: ['legacy', 'regional'],
  s3_use_arn_region: 'boolean',
  defaults_mode: ['standard', 'in-region', 'cross-region', 'mobile', 'auto', 'legacy'],
  duration_seconds: 'number',
  parameter_validation: 'boolean',
};

function get(section: AwsSection, key: string): AwsSection['entries'][number] | undefined {
  for (let i = section.entries.length - 1; i >= 0; i--) {
    const e = section.entries[i];
    if (e && e.key.toLowerCase() === key && e.value.trim() !== '') return e;
  }
  return undefined;
}

/** Per-file checks of `~/.aws/credentials` or `~/.aws/config`. */
export function validateAwsShared(
  text: string,
  options: { kind: 'credentials' | 'config'; filename?: string; profile?: string; checks?: Partial<Record<CheckId, CheckSetting>> },
): Diagnostic[] {
  const doc = parseAwsShared(text, options);
  return applySettings(checkDocument(text, doc, options.filename ?? `~/.aws/${options.kind}`), options.checks);
}

function checkDocument(text: string, doc: AwsSharedDocument, label: string): Diagnostic[] {
  const ctx = { text, lines: new LineIndex(text) };
  const out: Diagnostic[] = [];
  for (const err of doc.errors)
    out.push(diagnostic(ctx, 'invalid-key', err.start, err.end, `${label} line ${err.line}: ${err.message}; the AWS CLI and SDKs fail to read the file.`));
  const seen = new Map<string, AwsSection>();
  for (const s of doc.sections) {
    const name = profileName(s);
    const id = `${s.type}:${s.name}`;
    const first = seen.get(id);
    if (first)
      out.push(
        diagnostic(
          ctx,
          'duplicate-key',
          s.start,
          s.end,
          `[${s.header}] appears again (first on line ${first.line}); the CLI and SDKs merge the sections, later settings winning — easy to edit the wrong one.`,
        ),
      );
    else seen.set(id, s);
    const keysSeen = new Map<string, number>();
    for (const e of s.entries) {
      const k = e.key.toLowerCase();
      const prev = keysSeen.get(k);
      if (prev !== undefined)
        out.push(diagnostic(ctx, 'duplicate-key', e.start, e.end, `${e.key} is already set on line ${prev} in [${s.header}]; the last one wins.`));
      else keysSeen.set(k, e.line);
    }
    if (name === undefined) continue;
    const id_ = get(s, 'aws_access_key_id');
    const secret = get(s, 'aws_secret_access_key');
    const token = get(s, 'aws_session_token') ?? get(s, 'aws_security_token');
    const where = `profile ${JSON.stringify(name)} in ${label}`;
    if (id_) {
      const bare = id_.value.trim();
      const type = keyTypeOf(bare);
      if (isPlaceholder(bare) || isDocumentationExample(bare)) {
        out.push(
          diagnostic(
            ctx,
            'placeholder-credential',
            id_.valueStart,
            id_.valueEnd,
            `aws_access_key_id ${mask(bare)} in ${where} is a placeholder or documentation example, not a key.`,
          ),
        );
      } else {
        if (type === 'ASIA' && !token)
          out.push(
            diagnostic(
              ctx,
              'session-token-required',
              id_.valueStart,
              id_.valueEnd,
              `aws_access_key_id ${mask(bare)} in ${where} is a temporary key (ASIA…) but the profile has no aws_session_token: requests fail with UnrecognizedClientException.`,
            ),
          );
        if (type === 'AKIA' && token)
          out.push(
            diagnostic(
              ctx,
              'unexpected-session-token',
              token.valueStart,
              token.valueEnd,
              `${where} has a long-term key (AKIA…) and an aws_session_token: AWS rejects the request; the token belongs to another, temporary key.`,
            ),
          );
        const r = inspectAccessKeyId(bare);
        if (!r.ok)
          out.push(
            diagnostic(
              ctx,
              'malformed-access-key-id',
              id_.valueStart,
              id_.valueEnd,
              `aws_access_key_id ${mask(bare)} in ${where} is not an access key id (${r.problems.join(', ')}).`,
            ),
          );
      }
    }
    if (id_ && !secret)
      out.push(
        diagnostic(
          ctx,
          'incomplete-key-pair',
          id_.start,
          id_.end,
          `${where} has aws_access_key_id but no aws_secret_access_key: the CLI reports "partial credentials found".`,
        ),
      );
    if (secret && !id_)
      out.push(
        diagnostic(
          ctx,
          'incomplete-key-pair',
          secret.start,
          secret.end,
          `${where} has aws_secret_access_key but no aws_access_key_id: the CLI reports "partial credentials found".`,
        ),
      );
    if (doc.kind === 'config') {
      for (const e of s.entries) {
        if (KEY_SETTINGS.includes(e.key.toLowerCase())) {
          out.push(
            diagnostic(
              ctx,
              'conflicting-credential-sources',
              e.start,
              e.end,
              `${e.key} in ${where}: keys belong in ~/.aws/credentials; if the profile is there too, the credentials file wins and this value is silently unused.`,
            ),
          );
        }
      }
      const region = get(s, 'region');
      if (region) append(out, judge(ctx, `region (${where})`, region.value, region.valueStart, region.valueEnd));
      for (const e of s.entries) {
        const spec = CONFIG_TYPED[e.key.toLowerCase()];
        if (!spec || e.value.trim() === '') continue;
        const problem = typeProblem(e.key, e.value, spec);
        if (problem) out.push(diagnostic(ctx, 'invalid-typed-value', e.valueStart, e.valueEnd, `${e.key} in ${where} ${problem}.`));
      }
    }
  }
  return out;
}

/**
 * Both shared files together: the per-file checks, plus a profile (from `AWS_PROFILE`) that exists in
 * neither file, and a profile whose keys are in both files (the credentials file wins).
 */
export function validateAwsSharedFiles(options: {
  credentials?: { text: string; filename?: string };
  config?: { text: string; filename?: string };
  profile?: string;
  checks?: Partial<Record<CheckId, CheckSetting>>;
}): { credentials: Diagnostic[]; config: Diagnostic[]; profile: Diagnostic[] } {
  const cred = options.credentials ? parseAwsShared(options.credentials.text, { kind: 'credentials' }) : undefined;
  const conf = options.config ? parseAwsShared(options.config.text, { kind: 'config' }) : undefined;
  const credDiags = cred && options.credentials ? checkDocument(options.credentials.text, cred, options.credentials.filename ?? '~/.aws/credentials') : [];
  const confDiags = conf && options.config ? checkDocument(options.config.text, conf, options.config.filename ?? '~/.aws/config') : [];
  const profileDiags: Diagnostic[] = [];
  const names = new Set<string>();
  for (const d of [cred, conf]) for (const s of d?.sections ?? []) if (profileName(s) !== undefined) names.add(profileName(s) as string);
  if (options.profile !== undefined && options.profile !== '' && !names.has(options.profile)) {
    profileDiags.push({
      checkId: 'conflicting-credential-sources',
      severity: 'error',
      message: safeMessage(
        `AWS_PROFILE=${JSON.stringify(options.profile)} names a profile that is in neither ~/.aws/config nor ~/.aws/credentials: the CLI fails with "The config profile could not be found" and the SDKs cannot load credentials.`,
      ),
      start: 0,
      end: 0,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      fixable: false,
    });
  }
  return {
    credentials: applySettings(credDiags, options.checks),
    config: applySettings(confDiags, options.checks),
    profile: applySettings(profileDiags, options.checks),
  };
}
