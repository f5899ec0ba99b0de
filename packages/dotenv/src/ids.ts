/**
 * Every check id and every dialect, without the checks: hosts that validate a configuration (the
 * CLI's config file) name them without loading the validator. `Record<…, true>` makes the compiler
 * hold these lists to the `CheckId` and `Dialect` types (no id missing, none extra); a test holds
 * CHECK_ID_LIST to the registered checks.
 */
import type { CheckId, Dialect } from './types.js';

const CHECK_ID_SET: Readonly<Record<CheckId, true>> = {
  'quoted-value': true,
  'space-around-equals': true,
  'trailing-whitespace': true,
  'inline-comment': true,
  'unquoted-hash': true,
  'unquoted-value': true,
  'export-prefix': true,
  'unterminated-quote': true,
  'duplicate-key': true,
  'invalid-key': true,
  'session-token-required': true,
  'unexpected-session-token': true,
  'conflicting-credential-sources': true,
  'incomplete-key-pair': true,
  'missing-region': true,
  'invalid-region': true,
  'malformed-access-key-id': true,
  'malformed-secret-access-key': true,
  'placeholder-credential': true,
  'invalid-typed-value': true,
  'env-file-not-ignored': true,
  'env-file-tracked': true,
  'example-drift': true,
  'credential-in-example': true,
  'unordered-key': true,
  'lowercase-key': true,
  'extra-blank-line': true,
  'ending-blank-line': true,
  'key-without-value': true,
  'substitution-key': true,
  schema: true,
};

const DIALECT_SET: Readonly<Record<Dialect, true>> = {
  portable: true,
  dotenv: true,
  node: true,
  docker: true,
  compose: true,
  bash: true,
  python: true,
};

export const CHECK_ID_LIST: readonly CheckId[] = Object.freeze(Object.keys(CHECK_ID_SET) as CheckId[]);
export const DIALECTS: readonly Dialect[] = Object.freeze(Object.keys(DIALECT_SET) as Dialect[]);
