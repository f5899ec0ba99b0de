/**
 * A baseline lets a team adopt credlint on an existing repository and fail only on new findings.
 * Entries are file + ruleId + fingerprint (core's one-way hash of the value, or of the line for
 * env-file checks): the file never holds a credential.
 */
import { readFileSync } from 'node:fs';
import type { ReportFinding } from './types.js';
import { writeFileAtomic } from './fs-util.js';

export interface BaselineEntry {
  file: string;
  ruleId: string;
  fingerprint: string;
}

export interface BaselineFile {
  version: 1;
  tool: 'credlint';
  findings: BaselineEntry[];
}

const key = (e: BaselineEntry) => `${e.file}\0${e.ruleId}\0${e.fingerprint}`;

/** Matches findings against baseline entries, each entry absorbing at most one finding. */
export class Baseline {
  private readonly remaining = new Map<string, number>();

  constructor(entries: BaselineEntry[]) {
    for (const e of entries) this.remaining.set(key(e), (this.remaining.get(key(e)) ?? 0) + 1);
  }

  /** True (and consumed) when the finding is known. */
  take(f: ReportFinding): boolean {
    const k = key(f);
    const n = this.remaining.get(k) ?? 0;
    if (n === 0) return false;
    this.remaining.set(k, n - 1);
    return true;
  }

  static read(file: string): Baseline {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`cannot read baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
    }
    const d = data as Partial<BaselineFile>;
    if (d?.version !== 1 || !Array.isArray(d.findings)) throw new Error(`${file} is not a credlint baseline (expected {"version": 1, "findings": [...]})`);
    const entries = d.findings.filter(
      (e): e is BaselineEntry => typeof e?.file === 'string' && typeof e.ruleId === 'string' && typeof e.fingerprint === 'string',
    );
    return new Baseline(entries);
  }
}

export function baselineOf(findings: ReportFinding[]): BaselineFile {
  const entries = findings
    .map(({ file, ruleId, fingerprint }) => ({ file, ruleId, fingerprint }))
    .sort((a, b) => key(a).localeCompare(key(b)));
  return { version: 1, tool: 'credlint', findings: entries };
}

export function writeBaseline(file: string, findings: ReportFinding[]): void {
  writeFileAtomic(file, `${JSON.stringify(baselineOf(findings), null, 2)}\n`);
}
