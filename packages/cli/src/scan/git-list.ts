/**
 * The git side of a tree scan: which files git considers, per repository. Submodule (and other nested
 * repository) work trees are listed by their own `git ls-files`, recursively: the superproject only
 * knows them as a gitlink, and a scan that stops there would call their files clean without reading them.
 * One `ls-files` (plus one `check-ignore` when directories are named) per repository, never per file.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { findWorkTree, GitError, gitOrReady, splitZ, type GitResults } from '../git.js';
import { fileNote } from '../exit-code.js';
import type { FileNote } from '../types.js';
import { displayPath } from '../display-path.js';
import { CHECK_IGNORE, lsFilesArgs } from './git-args.js';

export interface GitListed {
  abs: string;
  state: 'tracked' | 'untracked';
  /**
   * A regular file of the top repository's index that `git grep` reads from the work tree (tag `H`:
   * not assume-unchanged, skip-worktree or unmerged; those it reads from the index, or not at all).
   */
  grepped?: boolean;
}

export interface GitListing {
  entries: GitListed[];
  /** One per nested work tree scanned (`submodule`) or registered but absent (`submodule-not-checked-out`). */
  notes: FileNote[];
}

interface Group {
  dirs: string[];
  files: string[];
}

function real(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/**
 * Lists `dirs` and `files` (absolute, all inside the work tree `top`) the way git sees them, descending
 * into nested work trees. `walkIgnored` gets each named directory git ignores (scanned by the walker).
 * `ready`: git calls already run (a whole-tree scan's ls-files), used when one is exactly the call to make.
 */
export function listGitTree(top: string, cwd: string, dirs: string[], files: string[], walkIgnored: (dir: string) => void, ready?: GitResults): GitListing {
  const entries: GitListed[] = [];
  const notes: FileNote[] = [];
  const isRepoTop = new Map<string, boolean>();
  // A directory holding `.git` that git itself calls a work tree's top.
  const repoTopAt = (dir: string): boolean => {
    let known = isRepoTop.get(dir);
    if (known === undefined) {
      known = false;
      if (existsSync(path.join(dir, '.git'))) {
        const w = findWorkTree(dir);
        known = w.kind === 'repo' && real(w.top) === real(dir);
      }
      isRepoTop.set(dir, known);
    }
    return known;
  };
  // The innermost work tree holding `abs`: a path named inside a submodule is listed by the submodule.
  const repoOf = (abs: string, isDir: boolean): string => {
    for (let d = isDir ? abs : path.dirname(abs); d !== top && d.startsWith(top + path.sep); d = path.dirname(d)) {
      if (repoTopAt(d)) return d;
    }
    return top;
  };

  const groups = new Map<string, Group>();
  const groupOf = (repo: string): Group => {
    let g = groups.get(repo);
    if (!g) groups.set(repo, (g = { dirs: [], files: [] }));
    return g;
  };
  for (const d of dirs) groupOf(repoOf(d, true)).dirs.push(d);
  for (const f of files) groupOf(repoOf(f, false)).files.push(f);

  // Shallowest first, so a superproject's listing finds its submodules before they are listed; a repository
  // listed for a named path and later found whole is listed again whole (`add` drops the duplicates).
  const whole = new Set<string>();
  const counts = new Map<string, number>();
  const queue = [...groups.keys()].sort((a, b) => a.length - b.length).map((repo) => ({ repo, g: groups.get(repo) as Group }));
  for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
    const { repo, g } = job;
    if (whole.has(repo)) continue;
    if (g.dirs.includes(repo)) whole.add(repo);
    const before = entries.length;
    const nested = listOne(
      repo,
      repo === top,
      g,
      entries,
      walkIgnored,
      (stderr) => {
        for (const n of gitUnreadableDirs(stderr, repo, cwd)) notes.push(n);
      },
      ready,
    );
    counts.set(repo, Math.max(counts.get(repo) ?? 0, entries.length - before));
    for (const n of nested) {
      const file = displayPath(n.abs, cwd);
      if (n.checkedOut && repoTopAt(n.abs)) queue.push({ repo: n.abs, g: { dirs: [n.abs], files: [] } });
      else if (n.gitlink) {
        notes.push(fileNote(file, 'submodule-not-checked-out', 'submodule not checked out: nothing here to scan (its content is another repository)'));
      } else {
        notes.push(fileNote(file, 'unreadable', 'git lists this as a nested repository, but git does not read it as one'));
      }
    }
  }
  for (const [repo, count] of counts) {
    if (repo === top) continue;
    const file = displayPath(repo, cwd);
    notes.push(
      fileNote(
        file,
        'submodule',
        `nested git work tree (a submodule or a repository inside this one): scanned with its own git listing, ${count} file${count === 1 ? '' : 's'}`,
      ),
    );
  }
  return { entries, notes };
}

interface Nested {
  abs: string;
  gitlink: boolean;
  checkedOut: boolean;
}

/** One repository's listing; returns the nested work trees (gitlinks, untracked nested repositories) it holds. */
function listOne(
  repo: string,
  isTop: boolean,
  g: Group,
  entries: GitListed[],
  walkIgnored: (dir: string) => void,
  warnings: (stderr: string) => void,
  ready: GitResults | undefined,
): Nested[] {
  const rel = (abs: string) => toPosix(path.relative(repo, abs)) || '.';
  // A named directory git ignores (a build output, a corpus under an ignored folder) is still scanned
  // when asked for, with the .gitignore files inside it applied, like ripgrep does.
  const dirs = [...g.dirs];
  if (dirs.length) {
    const r = gitOrReady(CHECK_IGNORE, repo, ready, dirs.map((d) => `${rel(d)}\0`).join(''));
    // 0: some ignored, 1: none; anything else is git failing, not an answer.
    if (r.status > 1) throw new GitError(`git check-ignore failed: ${r.stderr.trim() || `exit ${r.status}`}`);
    const ignored = new Set(splitZ(r.stdout).map((p) => path.resolve(repo, p)));
    for (const d of [...dirs]) {
      if (!ignored.has(d)) continue;
      dirs.splice(dirs.indexOf(d), 1);
      walkIgnored(d);
    }
  }
  if (!dirs.length && !g.files.length) return [];
  const specs = [...dirs, ...g.files].map(rel);
  const r = gitOrReady(lsFilesArgs(specs), repo, ready);
  if (r.status !== 0) throw new GitError(`git ls-files failed: ${r.stderr.trim() || `exit ${r.status}`}`);
  // A directory git cannot open is only a warning (exit 0): it must become a fatal note.
  warnings(r.stderr);
  const listed = splitZ(r.stdout);
  const nested: Nested[] = [];
  // git prints normalised `/`-separated paths relative to the top: joining by concatenation gives what
  // path.resolve would, without normalising 9,000 strings (a tenth of a whole-tree scan).
  const prefix = repo.endsWith(path.sep) ? repo : repo + path.sep;
  const at = path.sep === '/' ? (name: string) => prefix + name : (name: string) => path.resolve(repo, name);
  for (const entry of listed) {
    const tag = entry.slice(0, 1);
    if (tag === 'R' || tag === 'K' || tag === 'r' || tag === 'k') continue; // removed from the work tree / to be killed
    if (tag === '?') {
      const name = entry.slice(2);
      // Untracked entries are files, except a nested repository, which git lists as `dir/` and does not enter.
      if (name.endsWith('/')) nested.push({ abs: path.resolve(repo, name), gitlink: false, checkedOut: true });
      else entries.push({ abs: at(name), state: 'untracked' });
      continue;
    }
    // "H <mode> <object> <stage>\t<path>"
    const tab = entry.indexOf('\t');
    const mode = entry.slice(2, entry.indexOf(' ', 2));
    const abs = at(entry.slice(tab + 1));
    if (mode === '160000') {
      if (!nested.some((n) => n.abs === abs)) nested.push({ abs, gitlink: true, checkedOut: existsSync(path.join(abs, '.git')) });
    } else if (isTop && tag === 'H' && (mode === '100644' || mode === '100755')) entries.push({ abs, state: 'tracked', grepped: true });
    else entries.push({ abs, state: 'tracked' });
  }
  return nested;
}

/**
 * `git ls-files` skips a directory it cannot open with only a warning on stderr (exit 0):
 * `warning: could not open directory 'sub/dir/': Permission denied` (path relative to the top).
 */
export function gitUnreadableDirs(stderr: string, top: string, cwd: string): FileNote[] {
  const notes: FileNote[] = [];
  const prefix = "warning: could not open directory '";
  for (const line of stderr.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    // git cuts long messages (a path past PATH_MAX) before the closing `': reason`.
    const end = line.lastIndexOf("': ");
    const dir = end >= prefix.length ? line.slice(prefix.length, end) : line.slice(prefix.length);
    const why = end >= prefix.length ? line.slice(end + 3) : 'path too long; git cut its message';
    notes.push(fileNote(displayPath(path.resolve(top, dir), cwd), 'unreadable', `directory not scanned: could not list it (${why})`));
  }
  return notes;
}
