import type { Check } from '../context.js';
import { describeValue, diagnostic, entriesOf, readerName } from '../context.js';
import type { Diagnostic, EnvNode, Reader } from '../types.js';
import { lastNodeStartingBy } from '../parse.js';

/** The node containing `offset` (nodes are in text order): binary search, as this runs for every reader-only assignment. */
function nodeAt(nodes: readonly EnvNode[], offset: number): EnvNode | undefined {
  const n = nodes[lastNodeStartingBy(nodes, offset)];
  return n && n.start <= offset && offset <= n.end ? n : undefined;
}

function hasQuote(s: string): boolean {
  return s.includes('"') || s.includes("'") || s.includes('`');
}

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
          r === 'compose'
            ? 'Docker Compose rejects the whole file'
            : r === 'bash'
              ? 'bash stops with a syntax error'
              : `${readerName(r)} reads ${describeValue(e.values[r])}`;
        const message = `The ${e.quote} quote opened here is never closed: ${ctx.readers.map(how).join('; ')}.`;
        out.push(diagnostic(ctx, 'unterminated-quote', e.valueStart, e.valueEnd, message, ctx.readers));
      } else if (e.endLine > e.line && ctx.readers.includes('docker')) {
        const message =
          'A multi-line quoted value: `docker run --env-file` reads each line on its own (the first keeps the opening quote, the others become separate, usually invalid, variables). Use `\\n` inside double quotes where the reader supports it.';
        out.push(diagnostic(ctx, 'unterminated-quote', e.valueStart, e.valueEnd, message, ['docker']));
      }
    }
    // A reader that sets a variable where the structure (and dotenv) see none: a line swallowed into a
    // multi-line value by some readers and not by others, or junk that one reader still assigns.
    const nodes = ctx.doc?.nodes ?? [];
    for (const a of ctx.doc?.readerOnly ?? []) {
      if (!ctx.readers.includes(a.reader) || a.reader === 'dotenv') continue;
      // Not about quotes, and `invalid-key` reports it: a line with no quote that is not an assignment
      // (`FOO BAR=x`, which Node reads as "FOO BAR"), or a quoted name (`'a'=b`, python-dotenv's `a`).
      const home = nodeAt(nodes, a.offset);
      if (home?.type === 'error' && !hasQuote(home.raw)) continue;
      if (home?.type === 'entry' && a.offset > home.keyStart && a.offset < home.keyEnd) continue;
      const end = Math.min(ctx.text.length, a.offset + Math.max(1, a.key.length));
      const message = `${readerName(a.reader)} reads a variable ${JSON.stringify(a.key)} here (${describeValue(a.value)}) that dotenv does not: a quote on an earlier line is paired differently, or the line is not an assignment for the others.`;
      out.push(diagnostic(ctx, 'unterminated-quote', a.offset, end, message, [a.reader]));
    }
    return out;
  },
};
