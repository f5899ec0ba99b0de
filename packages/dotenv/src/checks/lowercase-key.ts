import type { Check } from '../context.js';
import { diagnostic, entriesOf } from '../context.js';
import type { Diagnostic } from '../types.js';

export const lowercaseKey: Check = {
  id: 'lowercase-key',
  kind: 'style',
  description: 'A variable name with lower-case letters (the convention is UPPER_CASE).',
  // Renaming a variable is never certain: the program reads it by its name (`process.env.db_host`).
  fixable: false,
  optIn: true,
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const e of entriesOf(ctx)) {
      if (e.key.toUpperCase() === e.key) continue;
      const message = `The ${e.key} key should be in uppercase (${e.key.toUpperCase()}); rename it here and where the program reads it.`;
      out.push(diagnostic(ctx, 'lowercase-key', 'warning', e.keyStart, e.keyEnd, message));
    }
    return out;
  },
};
