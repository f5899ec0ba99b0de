import { LineStarts } from '../util/lines.js';
import { PLUGIN_NAME, PLUGIN_VERSION } from '../meta.js';

/**
 * The fallback for JSON, YAML and TOML files when the user has no language plugin for them:
 * an ESLint *parser* (not a language) that turns any text into an empty JavaScript `Program`,
 * so ESLint's default `js/js` language accepts the file and credlint's text scan runs over it.
 *
 * Why a parser and not a language: `language` merges with "replace", so a credlint language
 * on `*.json` would displace `json/json` (and break the user's @eslint/json rules) whenever our
 * config came last. `languageOptions.parser` only matters to `js/js`; @eslint/json,
 * eslint-plugin-yml and eslint-plugin-toml languages ignore it. Whole-line `#` comments of
 * YAML and TOML become `Line` comments, so `# eslint-disable-next-line` works there too.
 */
export interface TextProgram {
  type: 'Program';
  sourceType: 'module';
  body: [];
  tokens: [];
  comments: { type: 'Line'; value: string; range: [number, number]; loc: { start: { line: number; column: number }; end: { line: number; column: number } } }[];
  range: [number, number];
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

const HASH_COMMENT_FILES = /\.(ya?ml|toml)$/i;
const FULL_LINE_COMMENT = /^[ \t]*#([^\r\n]*)/gm;

export function parseText(text: string, filePath?: string): TextProgram {
  const lines = new LineStarts(text);
  const comments: TextProgram['comments'] = [];
  if (filePath !== undefined && HASH_COMMENT_FILES.test(filePath)) {
    for (const m of text.matchAll(FULL_LINE_COMMENT)) {
      const end = m.index + m[0].length;
      const start = end - (m[1] ?? '').length - 1;
      comments.push({ type: 'Line', value: m[1] ?? '', range: [start, end], loc: { start: lines.loc(start), end: lines.loc(end) } });
    }
  }
  return {
    type: 'Program',
    sourceType: 'module',
    body: [],
    tokens: [],
    comments,
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end: lines.loc(text.length) },
  };
}

export const textParser = {
  meta: { name: `${PLUGIN_NAME}/text`, version: PLUGIN_VERSION },
  parseForESLint(text: string, options?: { filePath?: string }) {
    return { ast: parseText(text, options?.filePath), services: { isCredlintText: true }, visitorKeys: { Program: [] } };
  },
};
