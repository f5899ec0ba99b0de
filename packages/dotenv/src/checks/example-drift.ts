import type { Check } from '../context.js';

/** Needs the sibling example file: runs in `validateFile` (see ../repository.ts) and `compareKeys`. */
export const exampleDrift: Check = {
  id: 'example-drift',
  kind: 'repository',
  description: 'Keys in `.env.example` missing from `.env`, and keys in `.env` missing from `.env.example`.',
  fixable: false,
  run: () => [],
};
