// Types for scripts/regex-audit.mjs, so the audit tests type-check (tsconfig.test.json).
export declare const ROOT: string;
export interface FoundRegex {
  file: string;
  line: number;
  source?: string;
  flags?: string;
  dynamic?: string;
}
/** recheck's diagnostics, as far as the tests read them. */
export type Verdict =
  | { status: 'safe'; complexity: { type: string } }
  | { status: 'vulnerable'; complexity: { type: string; degree?: number }; attack: { string: string; pumps: { prefix: string; pump: string; bias: number }[] } }
  | { status: 'unknown'; error: { kind: string } };
export declare function canonicalFlags(flags: string): string;
export declare function findRegexes(pkgDir: string): FoundRegex[];
export declare function auditKey(r: { file: string; source?: string; flags?: string; dynamic?: string }): string;
export declare function staticVerdict(source: string, flags: string, options?: { deterministic?: boolean }): Promise<Verdict>;
export declare function patternAlphabet(source: string, flags?: string): string[];
export declare function adversarialInputs(source: string, flags: string, attack: unknown, size: number): [string, () => string][];
export declare function isQuantifierFree(source: string): boolean;
export declare function runAdversarial(
  regexes: { id: string; source: string; flags: string; attack?: unknown }[],
  options?: { size?: number; budgetMs?: number },
): { status: number | null; signal: NodeJS.Signals | null; error?: Error; stderr: string; last: string | undefined; runs: number };
