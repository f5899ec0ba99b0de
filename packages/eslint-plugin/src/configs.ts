import type { Linter } from 'eslint';
import { textParser } from './parsers/text.js';
import { typescriptParser } from './parsers/typescript.js';
import { gitStateStamp, repositoriesSeen } from '@credlint/dotenv';
import { dotenvRecommended } from './rules/dotenv-checks.js';

export const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx', '**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];
/** Files espree cannot read: recommended gives them a parser (TypeScript) or turns JSX on. */
export const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];
export const JSX_FILES = ['**/*.jsx'];
export const PYTHON_FILES = ['**/*.py', '**/*.pyi'];
export const DOTENV_FILES = ['**/.env', '**/.env.*', '**/*.env'];
export const DATA_FILES = ['**/*.json', '**/*.jsonc', '**/*.json5', '**/*.ipynb', '**/*.yaml', '**/*.yml', '**/*.toml'];
/** Test files: placeholders handed to an SDK (LocalStack/moto `"test"`) are the intended pattern there. */
export const TEST_FILES = ['**/test/**', '**/tests/**', '**/__tests__/**', '**/*.test.*', '**/*.spec.*', '**/test_*.py', '**/*_test.py', '**/conftest.py'];

const HARDCODED = 'credlint/no-hardcoded-credentials';
const STATIC = 'credlint/no-static-credentials';

/**
 * `configs.recommended`: an array of config objects, each scoped by `files`.
 *
 * - JS/TS: no `language`. `.ts`/`.mts`/`.cts`/`.tsx` get credlint's TypeScript parser, which hands
 *   each file to typescript-eslint's parser when the project has typescript-eslint and parses it
 *   itself otherwise — so appending recommended after typescript-eslint keeps typescript-eslint
 *   parsing (and type-aware rules working), and a project without it still gets TS read. `.jsx`
 *   only gets `ecmaFeatures.jsx` (parserOptions merge, so no parser is replaced).
 * - Python and .env: our own languages (`credlint/python`, `credlint/dotenv`).
 * - JSON/YAML/TOML: we never set `language` (it merges with "replace" and would displace
 *   `json/json`, `yml/yaml`, `toml/toml`). We set `languageOptions.parser` to the text
 *   parser instead: it matters only when those files would otherwise be parsed as JavaScript
 *   (no language plugin) and is ignored by the JSON, YAML and TOML languages.
 */
export function recommendedConfig(plugin: object): Linter.Config[] {
  return [
    { name: 'credlint/plugin', plugins: { credlint: plugin } },
    { name: 'credlint/javascript', files: JS_FILES, rules: { [HARDCODED]: 'error', [STATIC]: 'error' } },
    { name: 'credlint/typescript-parser', files: TS_FILES, languageOptions: { parser: typescriptParser } },
    { name: 'credlint/jsx', files: JSX_FILES, languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    { name: 'credlint/python', files: PYTHON_FILES, language: 'credlint/python', rules: { [HARDCODED]: 'error', [STATIC]: 'error' } },
    {
      name: 'credlint/dotenv',
      files: DOTENV_FILES,
      language: 'credlint/dotenv',
      rules: dotenvRecommended,
      // ESLint's --cache keys a file's result on its content and its config. The repository checks also
      // depend on git's state: this setting (read when ESLint computes the config, once per run) changes
      // with it — for the work tree of the current directory and any this process has linted — so cached
      // env-file results are dropped after `git add`, a commit or a top-level .gitignore edit.
      settings: {
        get 'credlint/git-state'(): string {
          return [...new Set([process.cwd(), ...repositoriesSeen()])].map(gitStateStamp).join(';');
        },
      },
    },
    {
      name: 'credlint/data',
      files: DATA_FILES,
      languageOptions: { parser: textParser },
      rules: { [HARDCODED]: 'error' },
    },
    // Real keys in tests are still reported by no-hardcoded-credentials.
    { name: 'credlint/tests', files: TEST_FILES, rules: { [STATIC]: 'off' } },
  ];
}
