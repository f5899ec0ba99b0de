import type { Check } from '../context.js';
import { diagnostic, entriesOf } from '../context.js';
import type { Diagnostic, EnvEntry } from '../types.js';

export const duplicateKey: Check = {
  id: 'duplicate-key',
  kind: 'format',
  description: 'The same name set twice in one file; every reader keeps the last value.',
  fixable: false,
  run(ctx) {
    const out: Diagnostic[] = [];
    const seen = new Map<string, EnvEntry>();
    for (const e of entriesOf(ctx)) {
      const first = seen.get(e.key);
      const raw = ctx.text.slice(e.valueStart, e.valueEnd);
      // `PATH=$PATH:more` builds on the earlier value on purpose.
      const selfReference = raw.includes(`$${e.key}`) || raw.includes(`\${${e.key}`);
      if (first && !selfReference) {
        const message = `${e.key} is already set on line ${first.line}; every reader keeps the last value (this one), so the earlier line is dead.`;
        out.push(diagnostic(ctx, 'duplicate-key', e.keyStart, e.keyEnd, message));
      }
      if (!first) seen.set(e.key, e);
    }
    return out;
  },
};
