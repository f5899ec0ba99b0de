/**
 * The whole-tree prefilter: one `git grep -l -P` over the tracked files, started by bin/credlint.js
 * before the rest of the CLI loads, so git reads the tree on the other core while Node starts. It
 * lists every tracked file that holds a prefilter needle (`@credlint/core/prefilter`: exact for
 * UTF-8 and Latin-1 text) or any byte outside 0x01–0x7f (NUL: binary or UTF-16; 0x80 and up: not
 * ASCII, so credlint's own decoding and its `invalid-utf8` note decide). Every other file git grep
 * read is ASCII text without an anchor: core can find nothing there, and the scan counts it as
 * scanned without reading it (scan.ts: `ruledOut`). Anything git does not answer cleanly (no git,
 * no PCRE, not a work tree, an unreadable file, any stderr) leaves the scan reading every file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PREFILTER_PCRE } from '@credlint/core/prefilter';
import { gitArgv, gitEnv } from '../git.js';

/** Byte mode (LC_ALL=C: no PCRE2_UTF): one class for NUL and every non-ASCII byte. */
const PATTERN = `${PREFILTER_PCRE}|[^\\x01-\\x7f]`;

export interface TreeGrep {
  cwd: string;
  /** Top-relative paths (`/`-separated) of the files to read, or undefined when git did not answer cleanly. */
  result: Promise<Set<string> | undefined>;
  cancel(): void;
}

/** What the last tree scan's prefilter did, for tests and the benchmark. */
export const treeGrepStats = { runs: 0, listed: 0, ruledOut: 0 };

let prefetched: TreeGrep | undefined;

/**
 * Whether `cwd` may be in a git work tree (a `.git` here or above, or GIT_DIR set): outside one,
 * git grep is not started at all. Only saves a process; git decides what a work tree is.
 */
export function mayBeWorkTree(cwd: string, env: NodeJS.ProcessEnv): boolean {
  if (env.GIT_DIR !== undefined || env.GIT_WORK_TREE !== undefined) return true;
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

/**
 * Starts `git grep` in `cwd`. Its output goes to a temporary file, not a pipe: the CLI's synchronous
 * `git ls-files` blocks the event loop meanwhile, and a full pipe would stall git.
 */
export function startTreeGrep(cwd: string): TreeGrep {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  const result = new Promise<Set<string> | undefined>((resolve) => {
    let out: number | undefined;
    try {
      dir = mkdtempSync(path.join(tmpdir(), 'credlint-grep-'));
      const file = path.join(dir, 'out');
      out = openSync(file, 'w');
      // Pinned: no fallback to a plain-directory grep outside a work tree, no submodules, no textconv;
      // :(top) = the whole repository from any subdirectory, paths relative to its top.
      child = spawn(
        'git',
        gitArgv([
          '-c',
          'grep.fallbackToNoIndex=false',
          'grep',
          '-l',
          '-z',
          '--full-name',
          '--no-color',
          '--no-textconv',
          '--no-recurse-submodules',
          '-P',
          '-e',
          PATTERN,
          '--',
          ':(top)',
        ]),
        { cwd, env: { ...gitEnv(), GIT_LITERAL_PATHSPECS: '0' }, stdio: ['ignore', out, 'pipe'], windowsHide: true },
      );
      closeSync(out);
      out = undefined;
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', () => resolve(undefined));
      child.on('close', (code) => {
        // 0: some files listed, 1: none; anything else, or any warning, is not an answer.
        if ((code !== 0 && code !== 1) || stderr !== '') return resolve(undefined);
        try {
          const list = readFileSync(file).toString('utf8').split('\0');
          if (list.at(-1) === '') list.pop();
          resolve(new Set(list));
        } catch {
          resolve(undefined);
        }
      });
    } catch {
      if (out !== undefined) closeSync(out);
      resolve(undefined);
    }
  }).finally(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    cwd,
    result,
    // Synchronous clean-up: the process may exit right after.
    cancel: () => {
      child?.kill();
      try {
        if (dir) rmSync(dir, { recursive: true, force: true });
      } catch {
        // an open file on Windows: left for the system's temp clean-up
      }
    },
  };
}

// Options of `credlint scan` that take a value (the next argument, unless written `--opt=value`).
const VALUE_OPTIONS = new Set(['-f', '--format', '-o', '--output', '--baseline', '--max-warnings', '--max-file-size', '-j', '--jobs', '--config']);
const FLAG_OPTIONS = new Set(['--update-baseline', '--color', '--no-color', '-v', '--verbose', '--no-config', '--repo-checks']);

/**
 * Called first by bin/credlint.js with the raw arguments: starts the grep when they are a whole-tree
 * scan (`scan` or `scan .`, with options that do not change the file set). runScan decides again
 * from the parsed arguments, and cancels it when it does not apply.
 */
export function prefetchTreeGrep(argv: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  if (env.CREDLINT_GIT_PREFILTER === '0' || !isWholeTreeArgv(argv) || !mayBeWorkTree(cwd, env)) return;
  prefetched = startTreeGrep(cwd);
  // An argument error ends the process before runScan takes the grep over: its temp file goes with the process.
  if (!exitHook) process.once('exit', () => prefetched?.cancel());
  exitHook = true;
}

let exitHook = false;

/** The raw arguments of a whole-tree scan: `scan` or `scan .`, with options that do not change the file set. */
export function isWholeTreeArgv(argv: string[]): boolean {
  if (argv[0] !== 'scan') return false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '.' || FLAG_OPTIONS.has(a)) continue;
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0 && VALUE_OPTIONS.has(a.slice(0, eq))) continue;
    return false; // paths, --staged, --history, --help, anything unknown: not a whole-tree scan
  }
  return true;
}

/** The prefetched grep when it ran in `cwd` (then it is handed over once), else undefined; a grep from elsewhere is stopped. */
export function takeTreeGrep(cwd: string): TreeGrep | undefined {
  const p = prefetched;
  prefetched = undefined;
  if (p && p.cwd !== cwd) {
    p.cancel();
    return undefined;
  }
  return p;
}
