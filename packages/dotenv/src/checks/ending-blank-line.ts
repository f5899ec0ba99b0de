import type { Check } from '../context.js';
import { diagnostic } from '../context.js';
import { bashMultiLine } from '../parse.js';
import type { Diagnostic } from '../types.js';

export const endingBlankLine: Check = {
  id: 'ending-blank-line',
  kind: 'style',
  description: 'The file does not end with a line break.',
  fixable: true,
  optIn: true,
  run(ctx) {
    const out: Diagnostic[] = [];
    const nodes = ctx.doc?.nodes ?? [];
    const last = nodes[nodes.length - 1];
    if (!last || last.eol !== '') return out;
    // the file's own line break (the first one), LF for a one-line file
    const eol = nodes.find((n) => n.eol !== '')?.eol ?? '\n';
    // A quote left open or a trailing `\` on the last line would take the new line break in.
    const open =
      (last.type === 'entry' && last.unterminated === true) ||
      last.raw.endsWith('\\') ||
      (ctx.readers.includes('bash') && bashMultiLine(nodes).at(-1) === true);
    const edit = { start: last.end, end: last.end, text: eol };
    out.push(
      diagnostic(
        ctx,
        'ending-blank-line',
        last.end,
        last.end,
        'No line break at the end of the file: tools that append to it (`echo K=v >> .env`) glue their line to this one.',
        undefined,
        open ? undefined : edit,
      ),
    );
    return out;
  },
};
