import { scan } from '@credlint/core';
import type { Check } from '../context.js';
import { diagnostic } from '../context.js';

export const envFileTracked: Check = {
  id: 'env-file-tracked',
  kind: 'repository',
  description: 'An env file (not an example) that git tracks (`git ls-files`), so its values are in the history.',
  fixable: false,
  run(ctx) {
    const state = ctx.repo?.git;
    if (ctx.isExample || (state !== 'committed' && state !== 'staged')) return [];
    const name = ctx.source;
    const found = scan(ctx.text, ctx.filename ? { filename: ctx.filename } : {}).length;
    const creds = `${found} credential${found === 1 ? '' : 's'} (core scan)`;
    if (state === 'committed') {
      const what = found > 0 ? ` It holds ${creds}, which are in the history now: rotate them.` : '';
      return [
        diagnostic(
          ctx,
          'env-file-tracked',
          0,
          0,
          `${name} is tracked by git: every value in it is shared with anyone who can read the repository.${what} Run \`git rm --cached ${name}\` and add it to .gitignore.`,
        ),
      ];
    }
    // Only staged, never committed: nothing is in the history yet, and unstaging is enough.
    const what = found > 0 ? ` It holds ${creds}: committing it puts ${found === 1 ? 'that' : 'them'} in the history.` : '';
    return [
      diagnostic(
        ctx,
        'env-file-tracked',
        0,
        0,
        `${name} is staged for commit (not committed yet).${what} Run \`git restore --staged ${name}\` and add it to .gitignore.`,
      ),
    ];
  },
};
