import type { ESLint, Linter, Rule } from 'eslint';
import { recommendedConfig } from './configs.js';
import { DotenvLanguage } from './languages/dotenv/language.js';
import { PythonLanguage } from './languages/python/language.js';
import { NAMESPACE, PLUGIN_NAME, PLUGIN_VERSION } from './meta.js';
import { textParser } from './parsers/text.js';
import { typescriptParser } from './parsers/typescript.js';
import { dotenvRules } from './rules/dotenv-checks.js';
import noHardcodedCredentials from './rules/no-hardcoded-credentials.js';
import noStaticCredentials from './rules/no-static-credentials.js';

// Typed with ESLint's own types in the public API: typescript-eslint types stay an implementation detail.
export const rules: Record<string, Rule.RuleModule> = {
  'no-hardcoded-credentials': noHardcodedCredentials,
  'no-static-credentials': noStaticCredentials,
  ...dotenvRules,
} as unknown as Record<string, Rule.RuleModule>;

export const languages = {
  dotenv: new DotenvLanguage(),
  python: new PythonLanguage(),
};

export interface CredlintPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: ESLint.Plugin['rules'];
  languages: ESLint.Plugin['languages'];
  configs: { recommended: Linter.Config[] };
  /** The fallback parser for JSON/YAML/TOML files and the TypeScript/TSX parser (see configs.recommended). */
  parsers: { text: typeof textParser; typescript: typeof typescriptParser };
}

const plugin: CredlintPlugin = {
  meta: { name: PLUGIN_NAME, version: PLUGIN_VERSION, namespace: NAMESPACE },
  rules,
  languages: languages as unknown as ESLint.Plugin['languages'],
  configs: { recommended: [] },
  parsers: { text: textParser, typescript: typescriptParser },
};
plugin.configs.recommended = recommendedConfig(plugin);

// The language classes, the Python tokenizer/parser and the parsers are `@credlint/eslint-plugin/internals`
// (no semver promise): users reach them through the plugin object (`languages`, `parsers`).
export type { PyBinding, PyComment, PyString, PythonModule } from './languages/python/ast.js';
export default plugin;
// `require('@credlint/eslint-plugin')` in a CommonJS eslint.config.js (Node's require(esm)) gives the plugin itself.
export { plugin as 'module.exports' };
