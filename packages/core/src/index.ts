export type { Confidence, CoreRuleId, Finding, FindingEncoding, FindingKind, KeyType, ScanContext, ScanOptions, ScanResult, ScanStats } from './types.js';
// The public surface: what the front ends and users need. The engine's other helpers are in
// `@credlint/core/internals` (no semver promise); `testing` and `ignore-file` are entries of their own.
export { analyze, scan } from './scan.js';
export { isSecretKeyShaped, isTokenShaped, MIN_SESSION_TOKEN_LENGTH, SECRET_KEY_LENGTH } from './shapes.js';
export { decodeAccountId, inspectAccessKeyId, KEY_TYPES, keyTypeOf, type KeyIdInspection, type KeyIdProblem } from './key-id.js';
export { inspectSecretAccessKey, inspectSessionToken, type SecretInspection, type SecretProblem } from './inspect.js';
export { isDocumentationExample, isPlaceholder, looksRandom } from './allowlist.js';
export { isAccessKeyIdName, normalizeName, secretNameStrength, tokenNameStrength, type NameStrength } from './key-name.js';
export { mask, maskAccountId, redact, Redactor } from './mask.js';
export { LineIndex, type Position } from './lines.js';
export { findIgnoreDirective, type IgnoreDirective, type IgnoreDirectiveName, type LineDirectives } from './ignore.js';
export { encodingNote, hintFor, messageFor } from './messages.js';
export { DEFAULT_KINDS, docsUrlOf, FINDING_KINDS, kindOfRule, KINDS, type KindDescriptor } from './kinds.js';
export { fingerprint } from './fingerprint.js';
