/**
 * `@credlint/eslint-plugin/internals`: the language classes, the Python tokenizer and parser, and the
 * parsers, for tools and tests — no semver promise. Users reach the languages and parsers through the
 * plugin object (`plugin.languages`, `plugin.parsers`, `configs.recommended`).
 */
export { DotenvLanguage, DotenvSourceCode, toDotenvFile } from './languages/dotenv/language.js';
export { PythonLanguage, PythonSourceCode } from './languages/python/language.js';
export { parsePython } from './languages/python/parse.js';
export { tokenize as tokenizePython } from './languages/python/tokenizer.js';
export { textParser } from './parsers/text.js';
export { typescriptParser } from './parsers/typescript.js';
