/**
 * A baseline lets a team adopt credlint on an existing repository and fail only on new findings.
 * Entries are file + ruleId + fingerprint (core's one-way hash of the credential, or check id +
 * key name for env-file checks): the file never holds a credential or a secret-bearing line.
 *
 * Paths are relative to the repository root (outside git: to the baseline file's directory), so
 * a scan from a subdirectory matches. Version 1 files held paths relative to wherever they were
 * written; they are read by trying both the root-relative and the cwd-relative path.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReportFinding } from './types.js';
import { writeFileAtomic } from './fs-util.js';

export interface BaselineEntry {
  file: string;
  ruleId: string;
  fingerprint: string;
}

export interface BaselineFile {
  version: 2;
  tool: 'credlint';
  findings: BaselineEntry[];
}

const key = (e: BaselineEntry) => `${e.file}\0${e.ruleId}\0${e.fingerprint}`;

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** Maps display paths (relative to the cwd) to baseline paths (relative to the root). */
export interface BaselinePaths {
  cwd: string;
  root: string;
}

export function baselinePath(paths: BaselinePaths, file: string): string {
  return toPosix(path.relative(paths.root, path.resolve(paths.cwd, file)));
}

/** The root baseline paths are relative to: the repository's top level, else the baseline file's directory. */
export function baselineRoot(baselineFile: string, gitTop: string | undefined): string {
  return gitTop ?? path.dirname(baselineFile);
}

/** Matches findings against baseline entries, each entry absorbing at most one finding. */
export class Baseline {
  private readonly remaining = new Map<string, number>();

  constructor(
    readonly entries: readonly BaselineEntry[],
    /** A version 1 file: paths may be relative to the cwd it was written in. */
    readonly legacy = false,
  ) {
    for (const e of entries) this.remaining.set(key(e), (this.remaining.get(key(e)) ?? 0) + 1);
  }

  private takeKey(k: string): boolean {
    const n = this.remaining.get(k) ?? 0;
    if (n === 0) return false;
    this.remaining.set(k, n - 1);
    return true;
  }

  /** True (and consumed) when the finding is known. */
  take(f: ReportFinding, paths: BaselinePaths): boolean {
    const entry = { file: baselinePath(paths, f.file), ruleId: f.ruleId, fingerprint: f.fingerprint };
    if (this.takeKey(key(entry))) return true;
    return this.legacy && entry.file !== f.file && this.takeKey(key({ ...entry, file: f.file }));
  }

  /** Reads a baseline; `undefined` when `missingOk` and the file does not exist. Throws a clear error otherwise. */
  static read(file: string, missingOk = false): Baseline | undefined {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      if (missingOk && (e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`cannot read baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
    }
    const d = data as { version?: unknown; findings?: unknown };
    if ((d?.version !== 1 && d?.version !== 2) || !Array.isArray(d.findings)) {
      throw new Error(`${file} is not a credlint baseline (expected {"version": 2, "findings": [...]})`);
    }
    const entries = (d.findings as Partial<BaselineEntry>[]).filter(
      (e): e is BaselineEntry => typeof e?.file === 'string' && typeof e.ruleId === 'string' && typeof e.fingerprint === 'string',
    );
    return new Baseline(entries, d.version === 1);
  }
}

/** How this run saw a file, for merging: `full` replaces its entries, `partial` (added lines only) adds to them. */
export type Coverage = 'full' | 'partial';

export interface MergeInput {
  /** The existing baseline (its entries are kept unless this run covered their file). */
  old: readonly BaselineEntry[];
  /** This run's findings, as baseline entries (root-relative paths). */
  current: readonly BaselineEntry[];
  /** Root-relative files this run read (or found empty: binary, deleted, …), and how. */
  coverage: ReadonlyMap<string, Coverage>;
  /** Root-relative directories scanned whole ('' = the root): old entries under them for files no longer listed are dropped. */
  scannedDirs: readonly string[];
  /** Root-relative paths that could not be scanned (unreadable directories, …): their entries are kept. */
  unscanned: readonly string[];
}

const under = (dir: string, file: string) => dir === '' || file === dir || file.startsWith(`${dir}/`);

/**
 * `--update-baseline` on part of a repository (named paths, `--staged`) must not forget the rest:
 * entries of files this run covered are replaced (added to, for added-lines-only scans), entries of
 * files gone from a directory scanned whole are dropped, every other entry is kept.
 */
export function mergeBaseline({ old, current, coverage, scannedDirs, unscanned }: MergeInput): BaselineEntry[] {
  const out: BaselineEntry[] = [];
  const oldCount = new Map<string, number>();
  for (const e of old) {
    const how = coverage.get(e.file);
    if (how === 'full') continue;
    if (how === undefined && !unscanned.some((u) => under(u, e.file)) && scannedDirs.some((d) => under(d, e.file))) continue;
    out.push(e);
    if (how === 'partial') oldCount.set(key(e), (oldCount.get(key(e)) ?? 0) + 1);
  }
  // Partial coverage: keep what is known, add only what is beyond it (a re-run adds nothing twice).
  for (const e of current) {
    const n = oldCount.get(key(e)) ?? 0;
    if (n > 0) oldCount.set(key(e), n - 1);
    else out.push(e);
  }
  return out;
}

export function baselineOf(entries: readonly BaselineEntry[]): BaselineFile {
  const sorted = entries
    .map(({ file, ruleId, fingerprint }) => ({ file, ruleId, fingerprint }))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { version: 2, tool: 'credlint', findings: sorted };
}

export function writeBaseline(file: string, entries: readonly BaselineEntry[]): void {
  writeFileAtomic(file, `${JSON.stringify(baselineOf(entries), null, 2)}\n`);
}
