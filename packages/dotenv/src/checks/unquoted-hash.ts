import type { Check } from '../context.js';
import { diagnostic, entriesOf, readerList } from '../context.js';
import type { Diagnostic, Reader } from '../types.js';
import { READERS } from '../types.js';

export const unquotedHash: Check = {
  id: 'unquoted-hash',
  kind: 'format',
  description: 'A `#` inside an unquoted value: dotenv and Node cut the value there, the other readers keep it.',
  fixable: false,
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const e of entriesOf(ctx)) {
      if (e.quote !== 'none') continue;
      const value = ctx.text.slice(e.valueStart, e.valueEnd);
      const hash = value.indexOf('#');
      if (hash < 0) continue;
      // Readers that cut the value at this `#`: their value is shorter than the text up to the comment.
      const cut = (r: Reader): boolean =>
        !e.unknown?.includes(r) &&
        e.values[r] !== undefined &&
        e.values[r].length <= hash &&
        value.startsWith(e.values[r]) &&
        !value.slice(0, hash).includes('$');
      const cutters = READERS.filter(cut);
      const keepers = READERS.filter((r) => !cutters.includes(r) && e.values[r] !== undefined);
      // For a dialect whose reader keeps the whole value there is nothing to report.
      const hit = ctx.readers.filter((r) => cutters.includes(r));
      if (hit.length === 0) continue;
      const message = `\`#\` inside an unquoted value: ${readerList(cutters)} treat everything from \`#\` on as a comment (they read ${hash} of ${value.length} characters); ${keepers.length > 0 ? `${readerList(keepers)} keep the whole value. ` : ''}Quote the value if \`#\` belongs to it, or put a space before \`#\` if it starts a comment.`;
      out.push(diagnostic(ctx, 'unquoted-hash', e.valueStart + hash, e.valueEnd, message, hit));
    }
    return out;
  },
};
