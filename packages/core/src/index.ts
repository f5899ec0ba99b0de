export type {
  Confidence,
  CoreRuleId,
  Finding,
  FindingEncoding,
  FindingKind,
  KeyType,
  ScanContext,
  ScanOptions,
  ScanResult,
  ScanStats,
} from './types.js';
export {
  analyze,
  isSecretKeyShaped,
  isTokenShaped,
  MIN_SESSION_TOKEN_LENGTH,
  scan,
  SECRET_KEY_LENGTH,
  SESSION_TOKEN_PREFIXES,
} from './scan.js';
export {
  classifyKeyIdBody,
  decodeAccountId,
  inspectAccessKeyId,
  isCanaryAccount,
  isWordLike,
  KEY_ID_LENGTH,
  KEY_TYPES,
  keyTypeOf,
  RESOURCE_ID_PREFIXES,
  type KeyIdInspection,
  type KeyIdProblem,
} from './key-id.js';
export { inspectSecretAccessKey, inspectSessionToken, type SecretInspection, type SecretProblem } from './inspect.js';
export { isDocumentationExample, isLowDiversity, isPlaceholder, looksRandom } from './allowlist.js';
export {
  accountNameStrength,
  isAccessKeyIdName,
  normalizeName,
  secretNameStrength,
  tokenNameStrength,
  type NameStrength,
} from './key-name.js';
export { mask, maskAccountId, redact, Redactor } from './mask.js';
export { LineIndex, offsetToPosition, type Position } from './lines.js';
export {
  directiveApplies,
  directivesFor,
  findIgnoreDirective,
  parseIgnoreDirective,
  type IgnoreDirective,
  type IgnoreDirectiveName,
  type LineDirectives,
} from './ignore.js';
export { encodingNote, hintFor, messageFor } from './messages.js';
export { DEFAULT_KINDS, docsUrlOf, FINDING_KINDS, kindOfRule, KINDS, type KindDescriptor } from './kinds.js';
export { fingerprint } from './fingerprint.js';
export { shannonEntropy } from './charclass.js';
