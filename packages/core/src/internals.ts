/**
 * `@credlint/core/internals`: engine helpers no front end of this repository needs from the package
 * and no user should build on — exported for experiments and tools, with no semver promise.
 * The public API is `@credlint/core`.
 */
export { SESSION_TOKEN_PREFIXES } from './shapes.js';
export { classifyKeyIdBody, isCanaryAccount, isWordLike, KEY_ID_LENGTH, RESOURCE_ID_PREFIXES } from './key-id.js';
export { isLowDiversity } from './allowlist.js';
export { accountNameStrength } from './key-name.js';
export { offsetToPosition } from './lines.js';
export { directiveApplies, directivesFor, parseIgnoreDirective } from './ignore.js';
export { shannonEntropy } from './charclass.js';
export { anchorLiterals } from './scan.js';
