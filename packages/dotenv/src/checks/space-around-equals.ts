import type { Check } from '../context.js';
import { diagnostic, editKeepsMeaning, entriesOf, readerList, readersChangedBy } from '../context.js';
import type { Diagnostic } from '../types.js';

export const spaceAroundEquals: Check = {
  id: 'space-around-equals',
  kind: 'format',
  description: 'Whitespace around `=`: fine for dotenv-style readers, fatal for bash and `docker run --env-file`.',
  fixable: true,
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const e of entriesOf(ctx)) {
      if (e.separator === ':') continue; // invalid-key reports `KEY: value`
      const before = e.equals > e.keyEnd;
      const after = e.valueStart > e.equals + 1 && e.valueEnd > e.valueStart;
      if (!before && !after) continue;
      const edit = { start: e.keyEnd, end: e.valueStart, text: '=' };
      const affected = readersChangedBy(e, edit, ctx.readers);
      // Every reader of the dialect ignores the blanks: right for the file's readers, nothing to report.
      if (affected.length === 0) continue;
      const reasons: string[] = [];
      if (affected.includes('bash'))
        reasons.push(
          before ? 'bash runs `KEY = value` as a command named KEY and sets nothing' : 'bash sets KEY to empty for the next word, which it runs as a command',
        );
      if (affected.includes('docker'))
        reasons.push(
          before
            ? '`docker run --env-file` rejects the whole file (the name contains whitespace)'
            : '`docker run --env-file` keeps the leading whitespace in the value',
        );
      const others = affected.filter((r) => r !== 'bash' && r !== 'docker');
      if (others.length > 0) reasons.push(`${readerList(others)} read it differently`);
      const message = `Whitespace around \`=\`: ${reasons.join('; ')}. dotenv, Node, python-dotenv and Compose ignore it.`;
      const fix = editKeepsMeaning(e, edit, ctx.readers) ? edit : undefined;
      out.push(diagnostic(ctx, 'space-around-equals', e.keyEnd, e.valueStart, message, affected, fix));
    }
    return out;
  },
};
