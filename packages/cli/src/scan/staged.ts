/**
 * `--staged`: what the commit will contain, read from git's index (blob content), not the work
 * tree. By default only lines the commit adds are reported; `--whole-files` reports whole files.
 * Three git processes in all, whatever the number of files.
 */
import path from 'node:path';
import { GitError, gitOk, gitTopLevel, readBlobs, splitZ, unquoteGitPath } from '../git.js';
import type { FileTask } from './analyze.js';
import { credlintIgnores, display, ignoredBy } from './walk.js';

export interface StagedResult {
  tasks: FileTask[];
  /** Staged files over the size limit: path → size. */
  tooLarge: Map<string, number>;
  gitTop: string;
}

const EMPTY_TREE_ARGS = ['diff', '--cached', '--no-renames', '--no-ext-diff', '--no-textconv', '--ignore-submodules'];

/** Parses `git diff -U0` output into added line ranges of the new file, by repo-relative path. */
export function addedLineRanges(patch: string): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  let current: [number, number][] | undefined;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4);
      if (target === '/dev/null') {
        current = undefined;
        continue;
      }
      const p = unquoteGitPath(target.replace(/\t$/, ''));
      const rel = p.startsWith('b/') ? p.slice(2) : p;
      current = [];
      out.set(rel, current);
    } else if (line.startsWith('@@ ') && current) {
      // @@ -a[,b] +c[,d] @@
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      if (count > 0) current.push([start, start + count - 1]);
    }
  }
  return out;
}

export async function stagedTasks(paths: string[], cwd: string, options: { wholeFiles: boolean; maxFileSize: number }): Promise<StagedResult> {
  const top = gitTopLevel(cwd);
  if (!top) throw new GitError('--staged needs a git repository (no .git found from the current directory)');
  const specs = paths.length ? ['--', ...paths] : [];
  // :old-mode new-mode old-id new-id status \0 path \0  (paths relative to the repository root)
  const raw = splitZ(gitOk(['--literal-pathspecs', ...EMPTY_TREE_ARGS, '--raw', '--no-abbrev', '-z', '--diff-filter=ACMRT', ...specs], cwd));
  const entries: { rel: string; id: string }[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const meta = raw[i] ?? '';
    const rel = raw[i + 1] ?? '';
    const [, newMode, , newId] = meta.slice(1).split(' ');
    // Regular files only: not symlinks (120000) or submodules (160000).
    if (newMode !== '100644' && newMode !== '100755') continue;
    entries.push({ rel, id: newId ?? '' });
  }
  const credlint = credlintIgnores(cwd, top);
  const kept = entries.filter(({ rel }) => !ignoredBy(credlint, path.join(top, rel), false) && !rel.split('/').includes('node_modules'));
  let ranges: Map<string, [number, number][]> | undefined;
  if (!options.wholeFiles && kept.length) {
    const patch = gitOk(
      [
        '--literal-pathspecs',
        ...EMPTY_TREE_ARGS,
        '-U0',
        '--no-color',
        '--src-prefix=a/',
        '--dst-prefix=b/',
        '--diff-filter=ACMRT',
        '--',
        ...kept.map((e) => path.relative(cwd, path.join(top, e.rel)) || '.'),
      ],
      cwd,
    ).toString('utf8');
    ranges = addedLineRanges(patch);
  }
  const blobs = await readBlobs([...new Set(kept.map((e) => e.id))], cwd, options.maxFileSize);
  const tasks: FileTask[] = [];
  const tooLarge = new Map<string, number>();
  for (const e of kept) {
    const file = display(cwd, path.join(top, e.rel));
    const blob = blobs.get(e.id);
    if (blob === undefined) continue;
    if (typeof blob === 'number') {
      tooLarge.set(file, blob);
      continue;
    }
    const task: FileTask = { file, content: blob, git: 'staged' };
    if (ranges) task.addedLines = ranges.get(e.rel) ?? [];
    tasks.push(task);
  }
  tasks.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { tasks, tooLarge, gitTop: top };
}
