import type { Check } from '../context.js';
import { describeValue, diagnostic, entriesOf } from '../context.js';
import type { Diagnostic, Reader } from '../types.js';
import { READER_NAMES } from '../types.js';

export const unterminatedQuote: Check = {
  id: 'unterminated-quote',
  kind: 'format',
  description: 'A quote that is never closed (every reader recovers differently), or a multi-line value that `docker run --env-file` splits into lines.',
  fixable: false,
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const e of entriesOf(ctx)) {
      if (e.unterminated) {
        const how = (r: Reader): string =>
          r === 'compose' ? 'Docker Compose rejects the whole file' : r === 'bash' ? 'bash stops with a syntax error' : `${READER_NAMES[r]} reads ${describeValue(e.values[r])}`;
        const message = `The ${e.quote} quote opened here is never closed: ${ctx.readers.map(how).join('; ')}.`;
        out.push(diagnostic(ctx, 'unterminated-quote', 'error', e.valueStart, e.valueEnd, message, ctx.readers));
      } else if (e.endLine > e.line && ctx.readers.includes('docker')) {
        const message = 'A multi-line quoted value: `docker run --env-file` reads each line on its own (the first keeps the opening quote, the others become separate, usually invalid, variables). Use `\\n` inside double quotes where the reader supports it.';
        out.push(diagnostic(ctx, 'unterminated-quote', 'error', e.valueStart, e.valueEnd, message, ['docker']));
      }
    }
    // A reader that sets a variable where the structure (and dotenv) see none: a line swallowed into a
    // multi-line value by some readers and not by others, or junk that one reader still assigns.
    for (const a of ctx.doc?.readerOnly ?? []) {
      if (!ctx.readers.includes(a.reader) || a.reader === 'dotenv') continue;
      const end = Math.min(ctx.text.length, a.offset + Math.max(1, a.key.length));
      const message = `${READER_NAMES[a.reader]} reads a variable ${JSON.stringify(a.key)} here (${describeValue(a.value)}) that dotenv does not: a quote on an earlier line is paired differently, or the line is not an assignment for the others.`;
      out.push(diagnostic(ctx, 'unterminated-quote', 'error', a.offset, end, message, [a.reader]));
    }
    return out;
  },
};
