import type { Check } from '../context.js';
import { diagnostic, editKeepsMeaning, readerList, readersChangedBy } from '../context.js';
import type { Diagnostic, EnvEntry, Reader } from '../types.js';

export const trailingWhitespace: Check = {
  id: 'trailing-whitespace',
  kind: 'format',
  description: 'Spaces or tabs at the end of a line; `docker run --env-file` keeps them in unquoted values.',
  fixable: true,
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const n of ctx.doc?.nodes ?? []) {
      let e = n.end;
      while (e > n.start && (ctx.text[e - 1] === ' ' || ctx.text[e - 1] === '\t')) e--;
      if (e === n.end) continue;
      // Only the last physical line: blanks inside a multi-line quoted value belong to the value.
      const lastLineStart = n.start + Math.max(n.raw.lastIndexOf('\n'), n.raw.lastIndexOf('\r')) + 1;
      const start = Math.max(e, lastLineStart, n.start);
      if (start >= n.end) continue;
      const edit = { start, end: n.end, text: '' };
      let affected: Reader[] = [];
      // A whitespace-only last line without a line break would vanish: leave it to the editor.
      let fixable = !(n.type === 'blank' && n.eol === '');
      if (n.type === 'entry') {
        const entry = n;
        if (entry.unterminated) fixable = false;
        affected = readersChangedBy(entry, edit, ctx.readers);
        fixable = fixable && editKeepsMeaning(entry, edit, ctx.readers);
      }
      const message = affected.includes('docker')
        ? `Trailing whitespace: \`docker run --env-file\` keeps it as part of the value${affected.length > 1 ? `; so do ${readerList(affected.filter((r) => r !== 'docker'))}` : ''}; the other readers trim it.`
        : affected.length > 0
          ? `Trailing whitespace: ${readerList(affected)} keep it as part of the value.`
          : 'Trailing whitespace.';
      out.push(diagnostic(ctx, 'trailing-whitespace', start, n.end, message, affected, fixable ? edit : undefined));
    }
    // CRLF: bash does not treat CR as part of the line break, so every value ends in `\r`.
    const crlf = (ctx.doc?.nodes ?? []).find((n): n is EnvEntry => n.type === 'entry' && n.eol === '\r\n' && n.values.bash?.endsWith('\r') === true);
    if (crlf && ctx.readers.includes('bash')) {
      const message =
        'Windows (CRLF) line endings: bash `source` keeps the CR at the end of every value (`eu-west-1\\r`); the other readers drop it. Save the file with LF line endings.';
      out.push(diagnostic(ctx, 'trailing-whitespace', crlf.end, crlf.end + 1, message, ['bash']));
    }
    return out;
  },
};
