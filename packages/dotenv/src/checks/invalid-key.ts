import type { Check } from '../context.js';
import { diagnostic, entriesOf, readerList, readerName } from '../context.js';
import type { Diagnostic, EnvDocument, Reader } from '../types.js';
import { nodeReaderName, runningNodeLine } from '../readers/node.js';

const isHSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';
const POSIX_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const invalidKey: Check = {
  id: 'invalid-key',
  kind: 'format',
  description: 'A name that is not a portable variable name (letters, digits, `_`, not starting with a digit), or a line that is not an assignment.',
  fixable: false,
  run(ctx) {
    const out: Diagnostic[] = [];
    // reader-only assignments by offset: looked up per entry and per error line, so indexed once
    const readerOnlyAt = new Map<number, NonNullable<EnvDocument['readerOnly']>>();
    for (const a of ctx.doc?.readerOnly ?? []) {
      const list = readerOnlyAt.get(a.offset);
      if (list) list.push(a);
      else readerOnlyAt.set(a.offset, [a]);
    }
    const nodeReaderOnly = (ctx.doc?.readerOnly ?? []).filter((a) => a.reader === 'node');
    let nodeCursor = 0;
    for (const n of ctx.doc?.nodes ?? []) {
      if (n.type === 'error') {
        const affected: Reader[] = ctx.readers;
        const lead = n.raw.length - n.raw.trimStart().length;
        // Node 20 reads a key up to the next `=` whatever it contains (`FOO BAR=x` sets "FOO BAR")
        // (error nodes come in text order, as do the reader-only assignments: one forward cursor)
        while (nodeCursor < nodeReaderOnly.length && (nodeReaderOnly[nodeCursor]?.offset ?? 0) < n.start) nodeCursor++;
        const here = nodeReaderOnly[nodeCursor];
        const nodeKey = affected.includes('node') && here && here.offset <= n.end ? here.key : undefined;
        const nodeSays =
          nodeKey !== undefined
            ? ` ${nodeReaderName(ctx.doc?.nodeLine ?? runningNodeLine())} (util.parseEnv) sets a variable named ${JSON.stringify(nodeKey)}.`
            : '';
        const skip = affected.filter((r) => r !== 'bash' && r !== 'docker' && r !== 'compose' && !(r === 'node' && nodeKey !== undefined));
        const fate = affected.includes('bash')
          ? 'bash runs it as a command.'
          : skip.length > 0
            ? `${readerList(skip)} ${skip.length === 1 ? 'skips' : 'skip'} it.`
            : '';
        const message = [
          `Not an assignment: ${n.message}.`,
          `${affected.includes('docker') || affected.includes('compose') ? '`docker run --env-file` and Docker Compose may reject the whole file; ' : ''}${fate}`,
          nodeSays.trim(),
        ]
          .filter((p) => p !== '')
          .join(' ');
        out.push(diagnostic(ctx, 'invalid-key', n.start + lead, n.end, message, affected));
      }
    }
    const first = ctx.doc?.nodes[0];
    if (ctx.doc?.bom && first?.type === 'entry') {
      const hit = ctx.readers.filter((r) => r === 'node' || r === 'python' || r === 'bash');
      if (hit.length > 0) {
        const message = `The file starts with a byte order mark (U+FEFF): ${readerList(hit)} read it as part of the first name, so ${JSON.stringify(first.key)} is not set for them. Save the file as UTF-8 without BOM.`;
        out.push(diagnostic(ctx, 'invalid-key', first.keyStart, first.keyEnd, message, hit));
      }
    }
    for (const e of entriesOf(ctx)) {
      // Node 20's parser trims spaces only: an indenting tab stays in the name (`"\tFOO"`); 22.16+ and 24 trim tabs too.
      if (isHSpace(e.raw[0]) && ctx.readers.includes('node') && e.values.node === undefined && !e.unknown?.includes('node') && POSIX_NAME.test(e.key)) {
        const others = ctx.readers.filter((r) => r !== 'node' && e.values[r] !== undefined);
        const message = `Indented name: ${nodeReaderName(ctx.doc?.nodeLine ?? runningNodeLine())} (util.parseEnv) trims spaces but not tabs, so it sets a variable whose name starts with the tab and ${e.key} is not set for it${others.length > 0 ? ` (${readerList(others)} ignore the indentation)` : ''}. Remove the indentation.`;
        out.push(diagnostic(ctx, 'invalid-key', e.start, e.keyEnd, message, ['node']));
      }
      if (e.separator === ':') {
        const rejected = ctx.readers.filter((r) => e.values[r] === undefined);
        // Every reader of the dialect reads it (dotenv, Compose): right for the file's readers.
        if (rejected.length === 0) continue;
        const message = `\`${e.key}: value\` is YAML, not an env assignment: only dotenv and Docker Compose read it; ${readerList(rejected)} do not set ${e.key}. Write \`${e.key}=value\`.`;
        out.push(diagnostic(ctx, 'invalid-key', e.keyStart, e.equals + 1, message, rejected));
        continue;
      }
      if (POSIX_NAME.test(e.key)) continue;
      // python-dotenv reads a single-quoted name (`'a'=b`) as the name inside the quotes
      const inner = e.key.length > 2 && e.key.startsWith("'") && e.key.endsWith("'") ? e.key.slice(1, -1) : undefined;
      // (and bash's `export 'a'=b` exports `a`: quotes are removed before `export` sees the word)
      const readsInner = (r: Reader): boolean =>
        inner !== undefined &&
        POSIX_NAME.test(inner) &&
        (readerOnlyAt.get(e.keyStart + 1) ?? []).some((a) => a.reader === r && a.key === inner && a.value !== undefined);
      const unquoting = ctx.readers.filter(readsInner);
      const judged = ctx.readers.filter((r) => !unquoting.includes(r));
      if (judged.length === 0) continue;
      const rejected = judged.filter((r) => e.values[r] === undefined && !e.unknown?.includes(r));
      // Every reader of the dialect sets the variable: the name works where the file is read.
      if (rejected.length === 0) continue;
      const why = rejected.map((r) =>
        r === 'compose' ? 'Docker Compose rejects the whole file' : r === 'bash' ? 'bash runs the line as a command' : `${readerName(r)} skips the line`,
      );
      const py = unquoting.length > 0 ? `; ${readerList(unquoting)} ${unquoting.length === 1 ? 'reads' : 'read'} it as ${JSON.stringify(inner)}` : '';
      const message = `${JSON.stringify(e.key)} is not a portable variable name: ${why.join('; ')}${py}. Use letters, digits and \`_\`, not starting with a digit.`;
      out.push(diagnostic(ctx, 'invalid-key', e.keyStart, e.keyEnd, message, rejected));
    }
    return out;
  },
};
