/** One assignment as a reader performs it. `unknown`: the value depends on the runtime (commands, the environment). */
export interface Assignment {
  key: string;
  value: string | undefined;
  unknown?: boolean;
}

/** Variables set earlier in the same file, for readers that interpolate. */
export type Env = Map<string, string>;

/** Read access to variables: earlier entries' values, overlaid with the current entry's own. */
export interface Lookup {
  get(key: string): string | undefined;
}

/** `local` first, then `base` — without copying `base` (which grows with the file). */
export function overlay(base: Lookup, local: Map<string, string>): Lookup {
  return { get: (k) => (local.has(k) ? local.get(k) : base.get(k)) };
}
