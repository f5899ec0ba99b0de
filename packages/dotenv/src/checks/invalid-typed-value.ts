import { createRequire } from 'node:module';
import { mask } from '@credlint/core';
import type { Check } from '../context.js';
import { diagnostic, list } from '../context.js';
import type { Diagnostic, TypedKeySpec } from '../types.js';

type ParseVariables = (env: Record<string, string>, options: { assignToProcessEnv: boolean; overrideProcessEnv: boolean }) => Record<string, unknown>;
let parseVariables: ParseVariables | undefined;
/** Loaded on first use: it pulls in `debug` and costs ~35 ms, which a commit hook on files without typed settings should not pay. */
function dotenvParseVariables(...args: Parameters<ParseVariables>): Record<string, unknown> {
  parseVariables ??= createRequire(import.meta.url)('dotenv-parse-variables') as ParseVariables;
  return parseVariables(...args);
}

/**
 * AWS SDK settings read from the environment that must be numbers, booleans or one of a few words
 * (AWS SDKs and Tools reference guide, "Environment variables" settings; JS SDK v3 config loaders).
 * The JS SDK's boolean settings accept exactly `true` / `false`.
 */
export const AWS_TYPED_KEYS: Readonly<Record<string, TypedKeySpec>> = {
  AWS_MAX_ATTEMPTS: 'number',
  AWS_RETRY_MODE: ['standard', 'adaptive', 'legacy'],
  AWS_USE_FIPS_ENDPOINT: 'boolean',
  AWS_USE_DUALSTACK_ENDPOINT: 'boolean',
  AWS_EC2_METADATA_DISABLED: 'boolean',
  AWS_EC2_METADATA_V1_DISABLED: 'boolean',
  AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: ['IPv4', 'IPv6'],
  AWS_METADATA_SERVICE_TIMEOUT: 'number',
  AWS_METADATA_SERVICE_NUM_ATTEMPTS: 'number',
  // AWS SDK for JavaScript v2 reads any non-empty value as "on"; `1` and `true` are what its docs use.
  AWS_SDK_LOAD_CONFIG: ['1', 'true', '0', 'false'],
  AWS_NODEJS_CONNECTION_REUSE_ENABLED: ['1', 'true', '0', 'false'],
  AWS_STS_REGIONAL_ENDPOINTS: ['legacy', 'regional'],
  AWS_S3_US_EAST_1_REGIONAL_ENDPOINT: ['legacy', 'regional'],
  AWS_DEFAULTS_MODE: ['standard', 'in-region', 'cross-region', 'mobile', 'auto', 'legacy'],
  AWS_ACCOUNT_ID_ENDPOINT_MODE: ['preferred', 'disabled', 'required'],
  AWS_REQUEST_CHECKSUM_CALCULATION: ['WHEN_SUPPORTED', 'WHEN_REQUIRED'],
  AWS_RESPONSE_CHECKSUM_VALIDATION: ['WHEN_SUPPORTED', 'WHEN_REQUIRED'],
  AWS_DISABLE_REQUEST_COMPRESSION: 'boolean',
  AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES: 'number',
  AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'boolean',
};

/**
 * The type dotenv-parse-variables gives one value. Only typed settings are passed — never secrets or
 * ids, which it would corrupt (`012345678901` → 12345678901, `a,b` → an array, a trailing `*` eaten) —
 * and never into `process.env`.
 */
export function typeOf(key: string, value: string): 'number' | 'boolean' | 'array' | 'string' {
  const parsed = dotenvParseVariables({ [key]: value }, { assignToProcessEnv: false, overrideProcessEnv: false })[key];
  if (typeof parsed === 'number') return 'number';
  if (typeof parsed === 'boolean') return 'boolean';
  if (Array.isArray(parsed)) return 'array';
  return 'string';
}

/** Why a value does not fit its spec, or undefined if it does. */
export function typeProblem(key: string, value: string, spec: TypedKeySpec): string | undefined {
  const v = value.trim();
  if (Array.isArray(spec)) {
    if (spec.includes(v)) return undefined;
    const ci = spec.find((s) => s.toLowerCase() === v.toLowerCase());
    return ci ? `must be written exactly ${JSON.stringify(ci)}` : `must be one of ${list(spec.map((s) => JSON.stringify(s)))}`;
  }
  const t = typeOf(key, v);
  if (spec === 'number') {
    if (t !== 'number') return `must be a number (read as ${t === 'array' ? 'a list' : `a ${t}`})`;
    if (!/^\d+$/.test(v)) return 'must be a whole decimal number';
    return undefined;
  }
  if (t !== 'boolean') return `must be true or false (read as ${t === 'array' ? 'a list' : `a ${t}`})`;
  if (v !== 'true' && v !== 'false') return 'must be lower-case true or false (the AWS SDK for JavaScript compares exactly)';
  return undefined;
}

export const invalidTypedValue: Check = {
  id: 'invalid-typed-value',
  kind: 'aws',
  description: 'AWS SDK settings that must be numbers, booleans or one of a few words, typed with dotenv-parse-variables.',
  fixable: false,
  run(ctx) {
    const out: Diagnostic[] = [];
    const specs = { ...AWS_TYPED_KEYS, ...ctx.typedKeys };
    for (const v of ctx.vars) {
      const spec = specs[v.key];
      if (!spec || v.value.trim() === '') continue;
      const problem = typeProblem(v.key, v.value, spec);
      if (!problem) continue;
      // a settings value is a word or a number: a longer one is likely a pasted secret, shown masked
      const shown = v.value.length <= 24 ? JSON.stringify(v.value) : `${JSON.stringify(mask(v.value))} (${v.value.length} characters)`;
      out.push(diagnostic(ctx, 'invalid-typed-value', v.start, v.end, `${v.key}=${shown} ${problem}; the SDK throws or ignores it at startup.`));
    }
    return out;
  },
};
