import { existsSync } from 'node:fs';
import path from 'node:path';
import { below, toPosix } from '@credlint/core/ignore-file';

/** The first ancestor of `dir` (itself included) that holds `.git` (a directory, or a worktree's file). */
export function repositoryRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

// cwd → the repository holding it (cwd itself outside git); looked up once, and only for a path outside cwd.
const tops = new Map<string, string>();

/**
 * The one rule for every reported path (`file` in JSON, SARIF, stylish; scan, dotenv and doctor alike):
 * relative to the current directory and `/`-separated when the file is inside it, or inside the repository that
 * holds it (`../b.ts` from a subdirectory, as git prints it); absolute otherwise (`~/.aws/credentials`,
 * `credlint scan /elsewhere`), never a `../../..` climb out of the project.
 */
export function displayPath(abs: string, cwd: string): string {
  const rel = below(cwd, abs);
  if (rel !== undefined) return toPosix(rel) || '.';
  let top = tops.get(cwd);
  if (top === undefined) tops.set(cwd, (top = repositoryRoot(cwd) ?? cwd));
  if (top !== cwd && below(top, abs) !== undefined) return toPosix(path.relative(cwd, abs));
  return toPosix(abs);
}
