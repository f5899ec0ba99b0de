import type { Check } from '../context.js';
import { diagnostic } from '../context.js';

export const envFileNotIgnored: Check = {
  id: 'env-file-not-ignored',
  kind: 'repository',
  description: 'An env file inside a git work tree that `.gitignore` does not cover (`git check-ignore`).',
  fixable: false,
  run(ctx) {
    if (ctx.isExample || ctx.repo?.git !== 'untracked') return [];
    const name = ctx.source;
    return [
      diagnostic(
        ctx,
        'env-file-not-ignored',
        0,
        0,
        `${name} is not covered by .gitignore: one \`git add .\` puts its values in the history. Add \`${name}\` (or \`.env*\` with \`!.env.example\`) to .gitignore.`,
      ),
    ];
  },
};
