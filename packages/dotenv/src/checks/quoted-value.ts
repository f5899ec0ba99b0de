import type { Check } from '../context.js';
import { describeValue, diagnostic, disagreeing, editKeepsMeaning, entriesOf, intended, readerList, readerName, readersChangedBy } from '../context.js';
import type { Diagnostic, EnvEntry, Reader } from '../types.js';

/** Why a reader reads a quoted value differently, in words. */
function why(entry: EnvEntry, r: Reader): string {
  if (r === 'docker') return '`docker run --env-file` keeps the quotes as part of the value';
  if (entry.quote === 'backtick') {
    if (r === 'bash') return 'bash runs a backtick-quoted value as a command';
    return `${r === 'python' ? 'python-dotenv' : r === 'compose' ? 'Docker Compose' : r} does not treat backticks as quotes`;
  }
  if (r === 'node' && entry.quote === 'double')
    return 'Node\'s --env-file ends a double-quoted value at the next `"`, escaped or not, and decodes no escapes but `\\n`';
  if (r === 'dotenv') return 'dotenv decodes no escapes but `\\n` and `\\r`';
  if (r === 'bash' && entry.quote === 'single') return 'bash has no escapes inside single quotes';
  if (r === 'bash') return 'bash expands `$`, `` ` `` and backslashes inside double quotes (single quotes keep them literal)';
  if (r === 'compose' && entry.quote === 'double')
    return 'Docker Compose decodes escapes and interpolates `$` inside double quotes (single quotes keep them literal)';
  if (r === 'python') return 'python-dotenv decodes escapes and `${…}` inside quotes';
  return `${readerName(r)} reads it as ${describeValue(entry.values[r])}`;
}

/**
 * In a dialect of one reader: does it read the quoted value the way its quotes are written — the same
 * quote escaped inside (`"b\\"c"`, `'b\\'c'`) and `\\\\` decoded, nothing expanded? Then there is no
 * other reader to disagree with.
 */
function readsAsWritten(e: EnvEntry, r: Reader, body: string): boolean {
  if (body.includes('$') || e.quote === 'backtick' || r === 'docker') return false;
  const q = e.quote === 'double' ? '"' : "'";
  let plain = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    const n = body[i + 1];
    if (c === '\\' && (n === q || n === '\\')) {
      plain += n;
      i++;
    } else plain += c;
  }
  return e.values[r] === plain;
}

export const quotedValue: Check = {
  id: 'quoted-value',
  kind: 'format',
  description: 'A quoted value that some reader keeps the quotes of, or unquotes differently.',
  fixable: true,
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const e of entriesOf(ctx)) {
      if (e.quote === 'none' || e.unterminated) continue;
      const inner = { start: e.valueStart, end: e.valueEnd, text: ctx.text.slice(e.valueStart + 1, e.valueEnd - 1) };
      // Readers that misread the value because of its quotes: they disagree, and unquoting changes what they read.
      const changed = readersChangedBy(e, inner, ctx.readers);
      // Double quotes that let `$` expand for some readers: switching to single quotes would change them.
      const body = inner.text;
      const single = e.quote === 'double' && body.includes('$') && !body.includes("'") ? readersChangedBy(e, { ...inner, text: `'${body}'` }, ctx.readers) : [];
      const affected = disagreeing(e, ctx.readers)
        .filter((r) => changed.includes(r) || single.includes(r))
        .filter((r) => !(ctx.readers.length === 1 && readsAsWritten(e, r, body)));
      if (affected.length === 0) continue;
      // A dialect's findings speak of its own readers only.
      const agree = ctx.readers.filter((r) => !affected.includes(r) && e.values[r] === intended(e));
      const reasons = affected.map((r) => why(e, r));
      const message = `${reasons.join('; ')}${agree.length > 0 ? `; ${readerList(agree)} read ${describeValue(intended(e))}` : ''}.`;
      const fix = editKeepsMeaning(e, inner, ctx.readers) ? inner : undefined;
      out.push(diagnostic(ctx, 'quoted-value', e.valueStart, e.valueEnd, message, affected, fix));
    }
    return out;
  },
};
