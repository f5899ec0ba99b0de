import type { Check } from '../context.js';
import { diagnostic } from '../context.js';
import { bashMultiLine } from '../parse.js';
import type { Diagnostic } from '../types.js';

export const extraBlankLine: Check = {
  id: 'extra-blank-line',
  kind: 'style',
  description: 'More than one blank line in a row.',
  fixable: true,
  optIn: true,
  run(ctx) {
    const out: Diagnostic[] = [];
    const nodes = ctx.doc?.nodes ?? [];
    // bash joins a line ending in `\` with the next one, blank or not: leave those alone
    const joined = ctx.readers.includes('bash') ? bashMultiLine(nodes) : undefined;
    for (let i = 1; i < nodes.length; i++) {
      const n = nodes[i];
      const prev = nodes[i - 1];
      if (n?.type !== 'blank' || prev?.type !== 'blank') continue;
      // Remove the line with its line break; the last line (no break) takes the previous break with it.
      const edit = n.eol !== '' ? { start: n.start, end: n.end + n.eol.length, text: '' } : { start: prev.end, end: n.end, text: '' };
      const certain = !(joined?.[i] || joined?.[i - 1] || (i >= 2 && joined?.[i - 2]));
      out.push(
        diagnostic(
          ctx,
          'extra-blank-line',
          n.start,
          n.end,
          'Extra blank line: one blank line is enough to separate groups.',
          undefined,
          certain ? edit : undefined,
        ),
      );
    }
    return out;
  },
};
