import type { Check } from '../context.js';

/** Needs git: runs in `validateFile` (see ../repository.ts). */
export const envFileTracked: Check = {
  id: 'env-file-tracked',
  kind: 'repository',
  description: 'An env file (not an example) that git tracks (`git ls-files`), so its values are in the history.',
  fixable: false,
  run: () => [],
};
