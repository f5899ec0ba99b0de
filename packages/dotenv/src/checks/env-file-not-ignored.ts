import type { Check } from '../context.js';

/** Needs git: runs in `validateFile` (see ../repository.ts); the pure validator has nothing to say. */
export const envFileNotIgnored: Check = {
  id: 'env-file-not-ignored',
  kind: 'repository',
  description: 'An env file inside a git work tree that `.gitignore` does not cover (`git check-ignore`).',
  fixable: false,
  run: () => [],
};
