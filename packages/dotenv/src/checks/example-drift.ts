import type { Check } from '../context.js';
import { diagnostic, entriesOf } from '../context.js';
import { entries, parse } from '../parse.js';
import type { Diagnostic } from '../types.js';

export const exampleDrift: Check = {
  id: 'example-drift',
  kind: 'repository',
  description: 'Keys in `.env.example` missing from `.env`, and keys in `.env` missing from `.env.example`.',
  fixable: false,
  run(ctx) {
    const ex = ctx.repo?.example;
    if (!ex || ctx.isExample) return [];
    const exKeys = new Set(entries(parse(ex.text)).map((e) => e.key));
    const own = entriesOf(ctx);
    const envKeys = new Set(own.map((e) => e.key));
    const missing = [...exKeys].filter((k) => !envKeys.has(k));
    const out: Diagnostic[] = [];
    if (missing.length > 0)
      out.push(
        diagnostic(ctx, 'example-drift', 0, 0, `${missing.length} key${missing.length === 1 ? '' : 's'} in ${ex.name} missing here: ${missing.join(', ')}.`),
      );
    const reported = new Set<string>();
    for (const e of own) {
      if (exKeys.has(e.key) || reported.has(e.key)) continue;
      reported.add(e.key);
      out.push(
        diagnostic(
          ctx,
          'example-drift',
          e.keyStart,
          e.keyEnd,
          `${e.key} is not in ${ex.name}: document it there (with a placeholder value) so others know to set it.`,
        ),
      );
    }
    return out;
  },
};
