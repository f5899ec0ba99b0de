import type { Check } from '../context.js';
import { describeValue, diagnostic, entriesOf, readerList, readersChangedBy } from '../context.js';
import type { Diagnostic } from '../types.js';
import { READERS } from '../types.js';

export const inlineComment: Check = {
  id: 'inline-comment',
  kind: 'format',
  description: 'A `# comment` after a value on the same line, which some readers take as part of the value.',
  fixable: false,
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const e of entriesOf(ctx)) {
      if (!e.comment || e.unterminated) continue;
      // Which readers read the comment as value: those whose value changes when it is removed.
      let from = e.comment.start;
      while (from > e.valueEnd && (ctx.text[from - 1] === ' ' || ctx.text[from - 1] === '\t')) from--;
      const edit = { start: from, end: e.comment.end, text: '' };
      const affected = readersChangedBy(e, edit, ctx.readers);
      if (affected.length === 0) continue;
      const strip = readersChangedBy(
        e,
        edit,
        READERS.filter((r) => !affected.includes(r)),
      );
      const agree = READERS.filter((r) => !affected.includes(r) && !strip.includes(r) && !e.unknown?.includes(r));
      const parts = affected.map((r) =>
        r === 'docker'
          ? '`docker run --env-file` keeps the comment as part of the value'
          : r === 'compose'
            ? 'Docker Compose only starts a comment at space + `#` (not tab + `#`)'
            : `${readerList([r])} reads ${describeValue(e.values[r])}`,
      );
      const message = `Inline comment: ${parts.join('; ')}${agree.length > 0 ? `; ${readerList(agree)} drop it` : ''}. Put the comment on its own line.`;
      out.push(diagnostic(ctx, 'inline-comment', e.comment.start, e.comment.end, message, affected));
    }
    return out;
  },
};
