import type { Check } from '../context.js';
import { diagnostic, entriesOf, readerList } from '../context.js';
import type { Diagnostic, Reader } from '../types.js';
import { READER_NAMES } from '../types.js';

const POSIX_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const invalidKey: Check = {
  id: 'invalid-key',
  kind: 'format',
  description: 'A name that is not a portable variable name (letters, digits, `_`, not starting with a digit), or a line that is not an assignment.',
  fixable: false,
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const n of ctx.doc?.nodes ?? []) {
      if (n.type === 'error') {
        const affected: Reader[] = ctx.readers;
        const lead = n.raw.length - n.raw.trimStart().length;
        const message = `Not an assignment: ${n.message}. ${affected.includes('docker') || affected.includes('compose') ? '`docker run --env-file` and Docker Compose may reject the whole file; ' : ''}${affected.includes('bash') ? 'bash runs it as a command.' : 'dotenv-style readers skip it.'}`;
        out.push(diagnostic(ctx, 'invalid-key', 'error', n.start + lead, n.end, message, affected));
      }
    }
    const first = ctx.doc?.nodes[0];
    if (ctx.doc?.bom && first?.type === 'entry') {
      const hit = ctx.readers.filter((r) => r === 'node' || r === 'python' || r === 'bash');
      if (hit.length > 0) {
        const message = `The file starts with a byte order mark (U+FEFF): ${readerList(hit)} read it as part of the first name, so ${JSON.stringify(first.key)} is not set for them. Save the file as UTF-8 without BOM.`;
        out.push(diagnostic(ctx, 'invalid-key', 'error', first.keyStart, first.keyEnd, message, hit));
      }
    }
    for (const e of entriesOf(ctx)) {
      if (e.separator === ':') {
        const rejected = ctx.readers.filter((r) => e.values[r] === undefined);
        const message = `\`${e.key}: value\` is YAML, not an env assignment: only dotenv and Docker Compose read it${rejected.length > 0 ? `; ${readerList(rejected)} do not set ${e.key}` : ''}. Write \`${e.key}=value\`.`;
        out.push(diagnostic(ctx, 'invalid-key', rejected.length > 0 ? 'error' : 'warning', e.keyStart, e.equals + 1, message, rejected));
        continue;
      }
      if (POSIX_NAME.test(e.key)) continue;
      const rejected = ctx.readers.filter((r) => e.values[r] === undefined && !e.unknown?.includes(r));
      const why = rejected.map((r) => (r === 'compose' ? 'Docker Compose rejects the whole file' : r === 'bash' ? 'bash runs the line as a command' : `${READER_NAMES[r]} skips the line`));
      const message = rejected.length > 0
        ? `${JSON.stringify(e.key)} is not a portable variable name: ${why.join('; ')}. Use letters, digits and \`_\`, not starting with a digit.`
        : `${JSON.stringify(e.key)} is not a portable variable name (letters, digits and \`_\`, not starting with a digit): ${readerList(ctx.readers)} accept it, bash and Compose may not.`;
      out.push(diagnostic(ctx, 'invalid-key', rejected.length > 0 ? 'error' : 'warning', e.keyStart, e.keyEnd, message, rejected));
    }
    return out;
  },
};
