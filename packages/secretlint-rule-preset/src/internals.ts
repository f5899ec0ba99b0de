/**
 * `@credlint/secretlint-rule-preset/internals`: each member rule's creator, the `allows` matcher and the
 * ids — for tools and tests, no semver promise. The public API is `creator` (what secretlint loads)
 * and `rules` (every member rule).
 */
export { recommendedRules } from './preset.js';
export { creator as awsAccessKeyId } from './rules/aws-access-key-id.js';
export { creator as awsSecretAccessKey } from './rules/aws-secret-access-key.js';
export { creator as awsSessionToken } from './rules/aws-session-token.js';
export { creator as awsSessionTokenRequired } from './rules/aws-session-token-required.js';
export { creator as awsAccountId } from './rules/aws-account-id.js';
export { creator as awsBedrockApiKey } from './rules/aws-bedrock-api-key.js';
export { compileAllowPattern, isAllowed } from './allows.js';
export { DOCS_BASE_URL, PRESET_ID } from './docs.js';
