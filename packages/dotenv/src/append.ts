/**
 * `target.push(...items)` without the spread: spreading passes every item as an argument, and a
 * big file's diagnostics (~125,000) overflow the call stack.
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
