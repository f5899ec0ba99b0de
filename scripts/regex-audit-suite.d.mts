// Types for scripts/regex-audit-suite.mjs (see its JSDoc for what each entry means).
export interface LiteralEntry {
  file: string;
  re: RegExp;
  pending?: string;
  sourceOnly?: string;
}
export interface DynamicEntry {
  file: string;
  dynamic: string;
  why: string;
  instances?: () => RegExp[];
}
export declare function regexAudit(testFileUrl: string, table: (LiteralEntry | DynamicEntry)[]): void;
