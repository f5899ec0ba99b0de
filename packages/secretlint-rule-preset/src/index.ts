/**
 * @credlint/secretlint-rule-preset: secretlint rules for AWS access key ids, secret access
 * keys and session tokens. Detection is @credlint/core's; these rules adapt its findings
 * to secretlint (ranges of the value itself, masked messages through the translator).
 *
 * `.secretlintrc.json`: `{ "rules": [{ "id": "@credlint/secretlint-rule-preset" }] }`
 */
export { creator, recommendedRules, rules } from './preset.js';
export { creator as awsAccessKeyId } from './rules/aws-access-key-id.js';
export { creator as awsSecretAccessKey } from './rules/aws-secret-access-key.js';
export { creator as awsSessionToken } from './rules/aws-session-token.js';
export { creator as awsSessionTokenRequired } from './rules/aws-session-token-required.js';
export { creator as awsAccountId } from './rules/aws-account-id.js';
export { creator as awsBedrockApiKey } from './rules/aws-bedrock-api-key.js';
export { compileAllowPattern, isAllowed } from './allows.js';
export { DOCS_BASE_URL, PRESET_ID } from './docs.js';
export type { PresetOptions, RuleOptions } from './options.js';
export type { PresetCreator, RuleCreator } from './secretlint-types.js';
