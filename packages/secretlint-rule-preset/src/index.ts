/**
 * @credlint/secretlint-rule-preset: secretlint rules for AWS access key ids, secret access
 * keys and session tokens. Detection is @credlint/core's; these rules adapt its findings
 * to secretlint (ranges of the value itself, masked messages through the translator).
 *
 * `.secretlintrc.json`: `{ "rules": [{ "id": "@credlint/secretlint-rule-preset" }] }`
 */
export { creator, rules } from './preset.js';
// The member rules one by one, `allows` helpers and ids are `@credlint/secretlint-rule-preset/internals`
// (no semver promise): secretlint loads `creator`; programmatic users pick members from `rules`.
export type { PresetOptions, RuleOptions } from './options.js';
export type { PresetCreator, RuleCreator } from './secretlint-types.js';
