/**
 * What the repository checks need to know about a file, gathered by the host: git's view of it and
 * the example file next to it (`RepositoryFacts`). The checks themselves (checks/env-file-*.ts,
 * example-drift.ts) are pure; this module is the one way to ask git, shared by `validateFile`
 * (`credlint dotenv`), `credlint scan` and the ESLint rules.
 *
 * Git is asked per repository, not per file: three listings (index with untracked files, ignored
 * paths, HEAD's tree) answer every file below that root, and are kept until the index, HEAD's log,
 * the top-level `.gitignore` or `info/exclude` changes (so a long-lived ESLint server notices
 * `git add -f .env`, a commit, or a new ignore line there).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { isEnvExampleFile } from './files.js';
import { entries, parse } from './parse.js';
import type { GitFileState, RepositoryFacts } from './types.js';

/** Counts git processes started (tests bound the work with it: one repository = a handful, whatever the file count). */
export const gitProcesses = { count: 0 };

function git(args: string[], cwd: string): { ok: boolean; out: string } {
  gitProcesses.count++;
  const r = spawnSync('git', ['--no-pager', '-c', 'core.quotePath=false', ...args], {
    cwd,
    encoding: 'utf8',
    windowsHide: true,
    maxBuffer: 1 << 30,
    env: { ...process.env, LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' },
  });
  return { ok: !r.error && r.status === 0, out: r.stdout ?? '' };
}

function splitZ(out: string): string[] {
  return out.split('\0').filter((s) => s !== '');
}

interface Listing {
  key: string;
  tracked: Set<string>;
  untracked: Set<string>;
  committed: Set<string>;
  /** Ignored files, and ignored directories with a trailing `/` (git's `--directory`). */
  ignored: Set<string>;
}

interface Repo {
  root: string;
  gitDir: string;
  listing?: Listing;
}

const repoOfDir = new Map<string, Repo | null>();
const repos = new Map<string, Repo>();

function mtime(path: string): string {
  try {
    return String(statSync(path).mtimeMs);
  } catch {
    return '-';
  }
}

/** The nearest directory at or above `dir` holding `.git` (a directory, or a worktree's/submodule's file). */
function workTreeDirOf(dir: string): string | undefined {
  for (let d = dir, up = dirname(d); ; d = up, up = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (up === d) return undefined;
  }
}

/**
 * The repository a directory is in, or undefined outside git / without git. The work tree is found on
 * disk (`.git`), and git confirms it once per work tree (`rev-parse`): a run over many directories of
 * one repository starts git a fixed number of times. (With GIT_DIR set, as in a hook, git's answer
 * for the directory wins.)
 */
function repoOf(dir: string): Repo | undefined {
  const at = process.env.GIT_DIR ? dir : (workTreeDirOf(dir) ?? dir);
  const known = repoOfDir.get(at);
  if (known !== undefined) return known ?? undefined;
  const r = git(['rev-parse', '--show-toplevel', '--absolute-git-dir'], at);
  const [root, gitDir] = r.out.split('\n');
  let repo: Repo | null = null;
  if (r.ok && root && gitDir) {
    repo = repos.get(root) ?? { root, gitDir };
    repos.set(root, repo);
  }
  repoOfDir.set(at, repo);
  return repo ?? undefined;
}

function listingOf(repo: Repo, refresh: boolean): Listing {
  const key = [join(repo.gitDir, 'index'), join(repo.gitDir, 'logs', 'HEAD'), join(repo.root, '.gitignore'), join(repo.gitDir, 'info', 'exclude')]
    .map(mtime)
    .join('|');
  if (repo.listing && repo.listing.key === key && !refresh) return repo.listing;
  // `-t`: `H ` (and other letters) for index entries, `? ` for untracked files that are not ignored.
  const all = splitZ(git(['ls-files', '-z', '-t', '--cached', '--others', '--exclude-standard'], repo.root).out);
  const tracked = new Set<string>();
  const untracked = new Set<string>();
  for (const line of all) (line.startsWith('? ') ? untracked : tracked).add(line.slice(2));
  const ignored = new Set(splitZ(git(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], repo.root).out));
  // An unborn HEAD (no commit yet) lists nothing: every tracked file is staged only.
  const committed = new Set(splitZ(git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', 'HEAD'], repo.root).out));
  repo.listing = { key, tracked, untracked, committed, ignored };
  return repo.listing;
}

function ignoredIn(l: Listing, rel: string): boolean {
  if (l.ignored.has(rel)) return true;
  for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) if (l.ignored.has(rel.slice(0, i + 1))) return true;
  return false;
}

function stateIn(l: Listing, rel: string): GitFileState | undefined {
  if (l.tracked.has(rel)) return l.committed.has(rel) ? 'committed' : 'staged';
  if (l.untracked.has(rel)) return 'untracked';
  if (ignoredIn(l, rel)) return 'ignored';
  return undefined;
}

/**
 * How git sees the file at `abs` (absolute path), or undefined outside a work tree or without git.
 * A file the cached listings do not know (created since) has them read again once.
 */
export function gitStateOf(abs: string): GitFileState | undefined {
  const repo = repoOf(dirname(abs));
  if (!repo) return undefined;
  const rel = relative(repo.root, abs).split(sep).join('/');
  if (rel.startsWith('../') || rel === '..') return undefined;
  return stateIn(listingOf(repo, false), rel) ?? stateIn(listingOf(repo, true), rel);
}

/**
 * A stamp of git's state around `dir`, without starting git: the modification times of the index,
 * HEAD's reflog, the top-level `.gitignore` and `info/exclude` of the work tree `dir` is in ('' outside
 * one). It changes on `git add`, `git rm --cached`, a commit and an edit of those ignore files — a
 * host that caches results (ESLint's `--cache`, through a config setting) re-checks env files then.
 */
export function gitStateStamp(dir: string): string {
  for (let d = dir, up = dirname(d); ; d = up, up = dirname(d)) {
    const dotGit = join(d, '.git');
    let gitDir: string | undefined;
    try {
      const st = statSync(dotGit);
      if (st.isDirectory()) gitDir = dotGit;
      else if (st.isFile()) {
        // a worktree or submodule: `gitdir: <path>`, relative to the work tree
        const text = readFileSync(dotGit, 'utf8');
        const target = text.startsWith('gitdir: ') ? (text.slice('gitdir: '.length).split('\n')[0] ?? '').trim() : '';
        if (target) gitDir = resolve(d, target);
      }
    } catch {
      // no .git here: look further up
    }
    if (gitDir) {
      let common = gitDir;
      try {
        common = resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim());
      } catch {
        // not a linked worktree
      }
      return [join(gitDir, 'index'), join(gitDir, 'logs', 'HEAD'), join(d, '.gitignore'), join(common, 'info', 'exclude')].map(mtime).join('|');
    }
    if (up === d) return '';
  }
}

/** The work trees this process has asked git about (for `gitStateStamp` over all of them). */
export function repositoriesSeen(): string[] {
  return [...repos.keys()];
}

/** Keys of two env texts compared, both directions. */
export function compareKeys(envText: string, exampleText: string): { missing: string[]; extra: string[] } {
  const envKeys = new Set(entries(parse(envText)).map((e) => e.key));
  const exKeys = new Set(entries(parse(exampleText)).map((e) => e.key));
  return { missing: [...exKeys].filter((k) => !envKeys.has(k)), extra: [...envKeys].filter((k) => !exKeys.has(k)) };
}

const EXAMPLE_NAMES = ['.env.example', '.env.sample', '.env.template', '.env.dist'];

/** The example file that documents `path` (`.env` → `.env.example`; `.env.local` → `.env.local.example` or `.env.example`). */
export function exampleFor(path: string): string | undefined {
  const dir = dirname(path);
  const name = basename(path);
  if (isEnvExampleFile(path)) return undefined;
  for (const suffix of ['.example', '.sample', '.template', '.dist']) {
    const p = join(dir, name + suffix);
    if (existsSync(p)) return p;
  }
  if (name === '.env' || name.startsWith('.env.')) {
    for (const n of EXAMPLE_NAMES) {
      const p = join(dir, n);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

/**
 * Everything the repository checks need for the env file at `abs`: git's state (`git: false` skips
 * asking, e.g. without git on PATH) and the example next to it on disk.
 */
export function repositoryFacts(abs: string, options: { git?: boolean } = {}): RepositoryFacts {
  const facts: RepositoryFacts = {};
  if (options.git !== false) {
    const state = gitStateOf(abs);
    if (state) facts.git = state;
  }
  const ex = exampleFor(abs);
  if (ex) {
    try {
      facts.example = { name: basename(ex), text: readFileSync(ex, 'utf8') };
    } catch {
      // unreadable example: nothing to compare with
    }
  }
  return facts;
}
