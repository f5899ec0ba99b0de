import type { Check } from '../context.js';
import { diagnostic, editKeepsMeaning, entriesOf } from '../context.js';
import type { Diagnostic } from '../types.js';

export const exportPrefix: Check = {
  id: 'export-prefix',
  kind: 'format',
  description: '`export KEY=value`: accepted by every dotenv-style reader and bash, rejected by `docker run --env-file`.',
  fixable: true,
  run(ctx) {
    const out: Diagnostic[] = [];
    if (!ctx.readers.includes('docker')) return out;
    for (const e of entriesOf(ctx)) {
      if (!e.exported) continue;
      const start = e.start + (e.raw.length - e.raw.trimStart().length);
      const edit = { start, end: e.keyStart, text: '' };
      // Removing `export` is certain only for docker: a plain `source .env` without `set -a` needs it.
      const fix = ctx.dialect === 'docker' && editKeepsMeaning(e, edit, ['docker']) ? edit : undefined;
      const message =
        '`export` prefix: `docker run --env-file` rejects the whole file ("variable contains whitespaces"); dotenv, Node, python-dotenv, Compose and bash accept it.' +
        (ctx.dialect === 'portable' ? ' Drop it if the file is ever given to docker; keep it if scripts `source` the file without `set -a`.' : '');
      out.push(diagnostic(ctx, 'export-prefix', start, e.keyStart, message, ['docker'], fix));
    }
    return out;
  },
};
