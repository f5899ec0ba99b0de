/**
 * `.credlintignore` (gitignore syntax, through the `ignore` package): the one matcher every front end
 * uses — the CLI's scan, staged, history and dotenv commands, the ESLint plugin's rules and the
 * secretlint preset. Node-only, so it is its own entry point (`@credlint/core/ignore-file`): the
 * detection engine itself reads no files.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ignore } from 'ignore';

const CREDLINTIGNORE = '.credlintignore';

// `ignore` (CommonJS, ~15 ms to compile) loads on the first ignore file met: most runs have none.
let ignoreFactory: (() => Ignore) | undefined;
function newIgnore(): Ignore {
  ignoreFactory ??= createRequire(import.meta.url)('ignore') as () => Ignore;
  return ignoreFactory();
}

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/**
 * `abs` relative to `dir` when `abs` is `dir` or below it ('' for `dir` itself), by slicing; otherwise
 * undefined. Both must be normalised absolute paths (listings and path.join/resolve give those):
 * path.relative per file was a tenth of a whole-tree scan.
 */
export function below(dir: string, abs: string): string | undefined {
  if (abs === dir) return '';
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  return abs.startsWith(prefix) ? abs.slice(prefix.length) : undefined;
}

/** One ignore file's patterns and the directory they are relative to. */
export interface Scoped {
  /** Absolute directory the patterns are relative to. */
  base: string;
  ig: Ignore;
}

/**
 * An ignore file's text, only when it is a regular file: like git (2.32+), a `.gitignore` or
 * `.credlintignore` that is a symbolic link is not followed, and a FIFO is never opened (a
 * committed link to one would hang the scan). Absent or not regular: undefined.
 */
function readIgnoreFile(file: string): string | undefined {
  let fd: number | undefined;
  try {
    if (!lstatSync(file).isFile()) return undefined;
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) return undefined;
    return readFileSync(fd, 'utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function loadIgnoreFile(file: string): Scoped | undefined {
  const text = readIgnoreFile(file);
  return text === undefined ? undefined : { base: path.dirname(file), ig: newIgnore().add(text) };
}

/** Whether any scope ignores `abs` (a directory when `isDir`); paths outside a scope's base are not its business. */
export function ignoredBy(scopes: readonly Scoped[], abs: string, isDir: boolean): boolean {
  for (const s of scopes) {
    const inner = below(s.base, abs);
    const rel = inner !== undefined ? toPosix(inner) : toPosix(path.relative(s.base, abs));
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (s.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** The `.credlintignore` files that apply: the one in the cwd and the one at the repository root (when different). */
function credlintIgnoreFiles(cwd: string, top: string | undefined): string[] {
  const files = new Set([path.join(cwd, CREDLINTIGNORE)]);
  if (top) files.add(path.join(top, CREDLINTIGNORE));
  return [...files];
}

/** `.credlintignore` from the cwd and from the repository root (when different). */
export function credlintIgnores(cwd: string, top: string | undefined): Scoped[] {
  return credlintIgnoreFiles(cwd, top)
    .map(loadIgnoreFile)
    .filter((s): s is Scoped => s !== undefined);
}

/**
 * The work tree a directory is in, found as git finds it without `GIT_DIR`: the nearest ancestor
 * holding a `.git` directory or file (a worktree or submodule). For front ends that must not spawn
 * git per file (ESLint, secretlint); the CLI asks git itself.
 */
export function findRepoTop(dir: string): string | undefined {
  for (let d = path.resolve(dir); ;) {
    try {
      lstatSync(path.join(d, '.git'));
      return d;
    } catch {
      // not here: one level up
    }
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

interface Cached {
  scopes: Scoped[];
  /** `mtime:size` of each ignore file ('' when absent): an edited file is read again (editors lint for hours). */
  stamp: string;
}

const cache = new Map<string, Cached>();

function stampOf(files: readonly string[]): string {
  return files
    .map((f) => {
      try {
        const st = statSync(f);
        return `${st.mtimeMs}:${st.size}`;
      } catch {
        return '';
      }
    })
    .join('|');
}

/**
 * Whether `.credlintignore` (the cwd's and the repository root's) lists `file`: what the ESLint plugin
 * and the secretlint preset ask per file. `file` is resolved against `cwd`. Cached per cwd and
 * re-read when an ignore file changes.
 */
export function isCredlintIgnored(file: string, cwd: string = process.cwd()): boolean {
  const root = path.resolve(cwd);
  const top = topOf(root);
  const stamp = stampOf(credlintIgnoreFiles(root, top));
  let entry = cache.get(root);
  if (!entry || entry.stamp !== stamp) {
    entry = { scopes: credlintIgnores(root, top), stamp };
    cache.set(root, entry);
  }
  return entry.scopes.length > 0 && ignoredBy(entry.scopes, path.resolve(root, file), false);
}

const tops = new Map<string, string | undefined>();
function topOf(cwd: string): string | undefined {
  if (!tops.has(cwd)) tops.set(cwd, findRepoTop(cwd));
  return tops.get(cwd);
}
