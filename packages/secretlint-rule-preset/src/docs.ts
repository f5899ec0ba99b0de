/** Every rule page lives in this repository's docs/rules/, named `secretlint-<rule>.md`. */
export const DOCS_BASE_URL = 'https://github.com/credlint/credlint/blob/main/docs/rules/';

export function docsUrl(page: string): string {
  return `${DOCS_BASE_URL}secretlint-${page}.md`;
}

export const PRESET_ID = '@credlint/secretlint-rule-preset';

/** Member rule ids follow secretlint's `@scope/secretlint-rule-<name>` convention. */
export function ruleId(name: string): string {
  return `@credlint/secretlint-rule-${name}`;
}
