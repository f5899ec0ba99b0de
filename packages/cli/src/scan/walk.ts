/**
 * Which files a scan reads. Inside a git work tree, `git ls-files` (tracked + untracked-not-ignored,
 * so .gitignore, .git/info/exclude and global excludes behave exactly like git); elsewhere a
 * directory walk that applies every .gitignore it meets with the `ignore` package. `.credlintignore`,
 * `node_modules` and `.git` apply in both.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { findWorkTree } from '../git.js';
import type { EnvFileNames } from '../dotenv-bridge.js';
import type { FileTask, GitState } from './analyze.js';
import { listGitTree } from './git-list.js';
import type { FileNote } from '../types.js';

const ALWAYS_SKIPPED_DIRS = new Set(['node_modules', '.git']);

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** Display path of an absolute path: relative to cwd, `/`-separated. */
export function display(cwd: string, abs: string): string {
  return toPosix(path.relative(cwd, abs)) || '.';
}

function hasSkippedSegment(rel: string): boolean {
  return rel.split('/').some((s) => ALWAYS_SKIPPED_DIRS.has(s));
}

export interface Scoped {
  /** Absolute directory the patterns are relative to. */
  base: string;
  ig: Ignore;
}

function loadIgnoreFile(file: string): Scoped | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return { base: path.dirname(file), ig: ignore().add(text) };
}

export function ignoredBy(scopes: Scoped[], abs: string, isDir: boolean): boolean {
  for (const s of scopes) {
    const rel = toPosix(path.relative(s.base, abs));
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (s.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** `.credlintignore` from the cwd and from the repository root (when different). */
export function credlintIgnores(cwd: string, top: string | undefined): Scoped[] {
  const files = new Set([path.join(cwd, '.credlintignore')]);
  if (top) files.add(path.join(top, '.credlintignore'));
  return [...files].map(loadIgnoreFile).filter((s): s is Scoped => s !== undefined);
}

export interface WalkResult {
  tasks: FileTask[];
  /** Explicit paths that do not exist. */
  missing: string[];
  gitTop: string | undefined;
  /** Submodule notes from the git listing. */
  notes: FileNote[];
  /** No git binary: the plain walk ran, tracked-state checks are off. */
  gitMissing: boolean;
}

function isEnvName(rel: string, dotenv: EnvFileNames | undefined): boolean {
  return !!dotenv && (dotenv.isEnvFile(rel) || dotenv.awsSharedKind(rel) !== undefined);
}

function inside(dir: string, abs: string): boolean {
  const rel = path.relative(dir, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function walk(paths: string[], cwd: string, dotenv: EnvFileNames | undefined): WalkResult {
  // Outside a work tree (or without git) the walker applies .gitignore itself; git failing is an error (thrown).
  const where = findWorkTree(cwd);
  const top = where.kind === 'repo' ? where.top : undefined;
  const notes: FileNote[] = [];
  const credlint = credlintIgnores(cwd, top);
  const seen = new Set<string>();
  const tasks: FileTask[] = [];
  const missing: string[] = [];
  // Naming a directory that .credlintignore lists is the override (like `git add -f`): `credlint scan examples/`.
  const overridden: string[] = [];
  const add = (abs: string, git: GitState, explicit = false) => {
    if (seen.has(abs)) return;
    const file = display(cwd, abs);
    if (!explicit && hasSkippedSegment(file)) return;
    if (!overridden.some((d) => inside(d, abs)) && ignoredBy(credlint, abs, false)) return;
    seen.add(abs);
    tasks.push({ file, abs, git });
  };

  const gitDirs: string[] = [];
  const gitFiles: string[] = [];
  for (const p of paths.length ? paths : ['.']) {
    const abs = path.resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory() && ignoredBy(credlint, abs, true)) overridden.push(abs);
    if (top && inside(top, abs)) (st.isDirectory() ? gitDirs : gitFiles).push(abs);
    else if (st.isDirectory()) walkDir(abs, [], overridden.includes(abs) ? [] : credlint, dotenv, add);
    else add(abs, 'none', true);
  }

  if (top && (gitDirs.length || gitFiles.length)) {
    const listing = listGitTree(top, cwd, gitDirs, gitFiles, (d) =>
      walkDir(d, [], overridden.includes(d) ? [] : credlint, dotenv, (abs) => add(abs, 'ignored')),
    );
    for (const n of listing.notes) notes.push(n);
    const dirsWithFiles = new Set<string>(gitDirs);
    for (const { abs, state } of listing.entries) {
      add(abs, state);
      dirsWithFiles.add(path.dirname(abs));
    }
    // An explicitly named file git ignores is still scanned when asked for.
    for (const abs of gitFiles) add(abs, 'ignored', true);
    // Gitignored env files are validated (format, AWS checks) but are not leaks.
    if (dotenv) {
      for (const dir of dirsWithFiles) {
        if (hasSkippedSegment(display(top, dir))) continue;
        let entries;
        try {
          entries = readdirSync(dir, { withFileTypes: true });
        } catch {
          continue;
        }
        for (const e of entries) {
          if (!e.isFile()) continue;
          const abs = path.join(dir, e.name);
          if (!seen.has(abs) && isEnvName(display(cwd, abs), dotenv)) add(abs, 'ignored');
        }
      }
    }
  }
  tasks.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { tasks, missing, gitTop: top, notes, gitMissing: where.kind === 'no-git' };
}

/** Directory walk outside git: nested .gitignore files apply to their subtree. */
function walkDir(
  dir: string,
  gitignores: Scoped[],
  credlint: Scoped[],
  dotenv: EnvFileNames | undefined,
  add: (abs: string, git: GitState) => void,
): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  // The listing says whether there is a .gitignore here: no extra stat per directory.
  const own = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? loadIgnoreFile(path.join(dir, '.gitignore')) : undefined;
  const scopes = own ? [...gitignores, own] : gitignores;
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (ALWAYS_SKIPPED_DIRS.has(e.name)) continue;
      if (ignoredBy(scopes, abs, true) || ignoredBy(credlint, abs, true)) continue;
      walkDir(abs, scopes, credlint, dotenv, add);
    } else if (e.isFile()) {
      if (ignoredBy(scopes, abs, false)) {
        if (isEnvName(toPosix(abs), dotenv)) add(abs, 'ignored');
        continue;
      }
      add(abs, 'none');
    }
    // Symlinks are not followed: they may point outside the tree or loop.
  }
}
