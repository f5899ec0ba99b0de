import type { CheckId } from './types.js';

/**
 * Checks that run only when asked for (a setting of `true`, `warning` or `error`): dotenv-linter's
 * style checks and `schema`. They say nothing about whether a reader gets the value meant, so they
 * are off by default and not in `recommended`.
 */
export const OPT_IN: ReadonlySet<CheckId> = new Set<CheckId>([
  'unordered-key',
  'lowercase-key',
  'extra-blank-line',
  'ending-blank-line',
  'key-without-value',
  'substitution-key',
  'schema',
]);

/** The style checks (`--check all-style`). */
export const STYLE_CHECKS: readonly CheckId[] = [
  'unordered-key',
  'lowercase-key',
  'extra-blank-line',
  'ending-blank-line',
  'key-without-value',
  'substitution-key',
];
