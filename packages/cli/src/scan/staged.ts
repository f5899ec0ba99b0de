/**
 * `--staged`: what the commit will contain, read from git's index (blob content), not the work
 * tree. By default only lines the commit adds are reported; `--whole-files` reports whole files.
 * At most three git processes after locating the repository, whatever the number of files, and
 * none is given file names: both diffs cover the whole index and the named paths are filtered here,
 * so a hook passing 100,000 paths costs no more than one passing none.
 */
import path from 'node:path';
import { findWorkTree, GitError, gitOk, readBlobs, splitZ, unquoteGitPath, type GitResults } from '../git.js';
import type { FileNote } from '../types.js';
import { isBinary, type FileTask } from './analyze.js';
import { credlintIgnores, ignoredBy, type Scoped } from './walk.js';
import { displayPath } from '../display-path.js';
import { STAGED_LINES, STAGED_RAW } from './git-args.js';

export interface StagedResult {
  tasks: FileTask[];
  /** Staged files that are not scanned: over the size limit (text: fatal `too-large`; binary: a note). */
  notes: FileNote[];
  gitTop: string;
}

interface Entry {
  rel: string;
  id: string;
  /** Content the commit replaces (modified, renamed, type-changed); absent for an added file. */
  oldId?: string;
}

/** Parses `git diff --raw -z` (with renames): `:old-mode new-mode old-id new-id status \0 path [\0 new-path] \0`. */
export function parseRaw(raw: string[]): Entry[] {
  const entries: Entry[] = [];
  for (let i = 0; i < raw.length;) {
    const meta = raw[i++] ?? '';
    const [, newMode, oldId, newId, status = ''] = meta.slice(1).split(' ');
    // A rename or copy names the source, then the destination.
    if (status.startsWith('R') || status.startsWith('C')) i++;
    const rel = raw[i++] ?? '';
    // Regular files only: not symlinks (120000) or submodules (160000).
    if (newMode !== '100644' && newMode !== '100755') continue;
    const e: Entry = { rel, id: newId ?? '' };
    if (!status.startsWith('A') && oldId && !/^0+$/.test(oldId)) e.oldId = oldId;
    entries.push(e);
  }
  return entries;
}

/**
 * Lines each file gains, from `git diff -U0`, in git's numbering (lines end at `\n` only), by repo-relative
 * path. Reads the hunk bodies, not only their headers: the header counts say where a hunk ends, so an added
 * line that reads `++ b/x` (shown as `+++ b/x`) is content, not a new file header, and any context lines a
 * config slips in are not counted as added.
 */
export function addedLineRanges(patch: string): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  let current: [number, number][] | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let line = 0;
  const added = (n: number) => {
    if (!current) return;
    const last = current.at(-1);
    if (last && last[1] === n - 1) last[1] = n;
    else current.push([n, n]);
  };
  for (const text of patch.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      const c = text[0];
      if (c === '+') {
        added(line++);
        newLeft--;
        continue;
      }
      if (c === '-') {
        oldLeft--;
        continue;
      }
      if (c === ' ' || text === '') {
        line++;
        newLeft--;
        oldLeft--;
        continue;
      }
      if (c === '\\') continue; // "\ No newline at end of file"
      oldLeft = newLeft = 0; // not a hunk line: the hunk was shorter than announced
    }
    if (text.startsWith('diff --git ')) current = undefined;
    else if (text.startsWith('+++ ')) {
      const target = text.slice(4);
      if (target === '/dev/null') {
        current = undefined;
        continue;
      }
      const p = unquoteGitPath(target.replace(/\t$/, ''));
      const rel = p.startsWith('b/') ? p.slice(2) : p;
      current = [];
      out.set(rel, current);
    } else if (text.startsWith('@@ ')) {
      // @@ -a[,b] +c[,d] @@
      const m = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(text);
      if (!m) continue;
      oldLeft = m[1] === undefined ? 1 : Number(m[1]);
      line = Number(m[2]);
      newLeft = m[3] === undefined ? 1 : Number(m[3]);
    }
  }
  return out;
}

/** Repo-relative forms of the paths named on the command line ('' = everything). */
function namedPaths(paths: string[], cwd: string, top: string): string[] | undefined {
  if (paths.length === 0) return undefined;
  return paths.map((p) => {
    const rel = path.relative(top, path.resolve(cwd, p));
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new GitError(`${p}: outside the repository at ${top}`);
    return rel.split(path.sep).join('/');
  });
}

function underAny(rel: string, named: string[]): boolean {
  return named.some((n) => n === '' || rel === n || rel.startsWith(`${n}/`));
}

export async function stagedTasks(
  paths: string[],
  cwd: string,
  options: { wholeFiles: boolean; maxFileSize: number; ignores?: Scoped[] },
  ready?: GitResults,
): Promise<StagedResult> {
  const where = findWorkTree(cwd, ready);
  if (where.kind === 'no-git') throw new GitError('--staged needs git, and git was not found on PATH');
  if (where.kind === 'none') throw new GitError(`--staged needs a git repository: ${where.message}`);
  const top = where.top;
  const named = namedPaths(paths, cwd, top);
  const all = parseRaw(splitZ(gitOk(STAGED_RAW, cwd, ready)));
  const credlint = [...credlintIgnores(cwd, top), ...(options.ignores ?? [])];
  const kept = all.filter(
    ({ rel }) => (!named || underAny(rel, named)) && !ignoredBy(credlint, path.join(top, rel), false) && !rel.split('/').includes('node_modules'),
  );
  // Added files are added whole: only files with previous content need the line diff.
  let ranges: Map<string, [number, number][]> | undefined;
  if (!options.wholeFiles && kept.some((e) => e.oldId && e.oldId !== e.id)) {
    ranges = addedLineRanges(gitOk(STAGED_LINES, cwd, ready).toString('utf8'));
  }
  const blobs = await readBlobs([...new Set(kept.map((e) => e.id))], cwd, options.maxFileSize, ready);
  const tasks: FileTask[] = [];
  const notes: FileNote[] = [];
  for (const e of kept) {
    const file = displayPath(path.join(top, e.rel), cwd);
    const blob = blobs.get(e.id);
    if (blob === undefined) {
      notes.push({ file, code: 'unreadable', message: `could not read the staged blob ${e.id} from git` });
      continue;
    }
    if (!Buffer.isBuffer(blob)) {
      notes.push(
        isBinary(blob.head)
          ? { file, code: 'binary', message: 'skipped: binary file' }
          : {
              file,
              code: 'too-large',
              message: `not scanned: the staged file is ${blob.size} bytes, over the --max-file-size limit of ${options.maxFileSize}; raise it (e.g. --max-file-size ${suggestLimit(blob.size)}) to scan it`,
            },
      );
      continue;
    }
    const task: FileTask = { file, content: blob, git: 'staged' };
    if (e.oldId) task.inHead = true;
    if (!options.wholeFiles && e.oldId) {
      // Same content (a pure rename, a mode change): nothing added. Content changed but no text hunk
      // (git diffs it as binary, e.g. a `-diff` attribute): every line counts, never none.
      if (e.oldId === e.id) task.addedLines = [];
      else {
        const r = ranges?.get(e.rel);
        if (r) task.addedLines = r;
      }
    }
    tasks.push(task);
  }
  tasks.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { tasks, notes, gitTop: top };
}

/** A round limit above `size` for the hint (in MB). */
function suggestLimit(size: number): string {
  return `${Math.ceil(size / (1024 * 1024)) + 1}MB`;
}
