import type { PythonModule } from '../languages/python/ast.js';

const IMPORTS_OS = /^[ \t]*import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*os[ \t]*(?:,|#|;|\r|\n|$)/m;
const FUTURE = /^from[ \t]+__future__[ \t]+import[^\r\n\\(]*$/;

/**
 * Where `import os` can go so that the module still means the same: after a shebang,
 * encoding/comment lines, the module docstring and `from __future__` imports. Returns
 * `undefined` when `os` is already imported, or when the top of the file is not simple
 * enough to be certain (the suggestion then only replaces the value; docs say so).
 */
export function importOsInsertion(text: string, module: PythonModule): { at: number; text: string } | null | undefined {
  if (IMPORTS_OS.test(text)) return null; // already imported: nothing to add
  let offset = 0;
  let docstringSeen = false;
  const strings = module.body.filter((n) => n.type === 'PyString');
  while (offset < text.length) {
    const eol = text.slice(offset).search(/\r\n|[\r\n]/);
    const lineEnd = eol < 0 ? text.length : offset + eol;
    const breakLen = eol < 0 ? 0 : text.startsWith('\r\n', lineEnd) ? 2 : 1;
    const line = text.slice(offset, lineEnd);
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      offset = lineEnd + breakLen;
      continue;
    }
    if (!docstringSeen && /^[rRuU]?("""|'''|"|')/.test(trimmed)) {
      const doc = strings.find((s) => s.range[0] >= offset && s.range[0] <= lineEnd);
      if (!doc || doc.unterminated) return undefined;
      const after = text.slice(doc.range[1]).search(/\r\n|[\r\n]/);
      const end = after < 0 ? text.length : doc.range[1] + after;
      if (text.slice(doc.range[1], end).trim() !== '') return undefined;
      docstringSeen = true;
      offset = end + (after < 0 ? 0 : text.startsWith('\r\n', end) ? 2 : 1);
      if (after < 0) return { at: text.length, text: '\nimport os' };
      continue;
    }
    if (FUTURE.test(line)) {
      docstringSeen = true;
      if (breakLen === 0) return { at: text.length, text: '\nimport os' };
      offset = lineEnd + breakLen;
      continue;
    }
    if (/^[ \t]/.test(line)) return undefined; // indented first statement: not a plain module top
    break;
  }
  const newline = /\r\n/.test(text) ? '\r\n' : '\n';
  if (offset >= text.length && text.length > 0 && !/[\r\n]$/.test(text)) return { at: text.length, text: `${newline}import os` };
  return { at: offset, text: `import os${newline}` };
}
