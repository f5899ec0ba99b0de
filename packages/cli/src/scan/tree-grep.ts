/**
 * The whole-tree prefilter: one `git grep -l -P` over the tracked files, started by bin/credlint.js
 * before the rest of the CLI loads, so git reads the tree on the other core while Node starts. It
 * lists every tracked file where `@credlint/core/prefilter`'s pattern matches (exact for UTF-8 and
 * Latin-1 text: a file it does not match holds nothing core could find) or whose bytes are not valid
 * UTF-8 text: a NUL (binary or UTF-16) or any malformed UTF-8 sequence (a UTF-16 byte-order mark
 * is one), which credlint's own decoding judges (`binary`, `invalid-utf8` notes). Every other file
 * git grep read is valid UTF-8 that core can find nothing in, and the scan counts it as scanned
 * without reading it (scan.ts: `ruledOut`). Anything git does not answer cleanly (no git, no PCRE,
 * not a work tree, an unreadable file, any stderr) leaves the scan reading every file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prefilterPattern } from '@credlint/core/prefilter';
import { gitArgv, gitEnv } from '../git.js';

/**
 * Bytes that are not valid UTF-8 (RFC 3629, what Node's `isUtf8` accepts), in byte mode (LC_ALL=C:
 * no PCRE2_UTF): a NUL; a byte that never occurs (C0, C1, F5-FF); a lead byte without its
 * continuation bytes (with the narrower second-byte ranges of E0, ED, F0 and F4: no overlongs, no
 * surrogates, nothing past U+10FFFF); a continuation byte that no lead byte before it claims. Valid
 * UTF-8 matches none of these. Linear: each alternative looks at most four bytes around one byte.
 */
export const INVALID_UTF8_PCRE = [
  '\\x00',
  '[\\xc0\\xc1\\xf5-\\xff]',
  '[\\xc2-\\xdf](?![\\x80-\\xbf])',
  '\\xe0(?![\\xa0-\\xbf][\\x80-\\xbf])',
  '[\\xe1-\\xec\\xee\\xef](?![\\x80-\\xbf]{2})',
  '\\xed(?![\\x80-\\x9f][\\x80-\\xbf])',
  '\\xf0(?![\\x90-\\xbf][\\x80-\\xbf]{2})',
  '[\\xf1-\\xf3](?![\\x80-\\xbf]{3})',
  '\\xf4(?![\\x80-\\x8f][\\x80-\\xbf]{2})',
  '[\\x80-\\xbf](?<![\\xc2-\\xf4][\\x80-\\xbf]|[\\xe0-\\xf4][\\x80-\\xbf]{2}|[\\xf0-\\xf4][\\x80-\\xbf]{3})',
].join('|');

/** What git grep looks for: core's prefilter (account names only when account ids are scanned for), or bytes that are not UTF-8. */
export function treeGrepPattern(accountId: boolean): string {
  return `${prefilterPattern({ accountId })}|${INVALID_UTF8_PCRE}`;
}

export interface TreeGrep {
  cwd: string;
  /** Whether account names are in the pattern (only a scan for account ids needs them). */
  accountId: boolean;
  /** Top-relative paths (`/`-separated) of the files to read, or undefined when git did not answer cleanly. */
  result: Promise<Set<string> | undefined>;
  cancel(): void;
}

/** What the last tree scan's prefilter did, for tests and the benchmark. */
export const treeGrepStats = { runs: 0, listed: 0, ruledOut: 0, listedFiles: [] as string[] };

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
export function startTreeGrep(cwd: string, accountId = false): TreeGrep {
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
          treeGrepPattern(accountId),
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
    accountId,
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
  // The configuration is not read yet: most leave account ids off (runScan starts another grep when one turns them on).
  prefetched = startTreeGrep(cwd, false);
  // An argument error ends the process before runScan takes the grep over: its temp file goes with the process.
  if (!exitHook) process.once('exit', () => prefetched?.cancel());
  exitHook = true;
}

let exitHook = false;

/**
 * The raw arguments of a staged scan (`scan --staged`, with paths or `--whole-files` or any option
 * that takes a value): the commit hook's call. Anything unknown is not.
 */
export function isStagedArgv(argv: string[]): boolean {
  if (argv[0] !== 'scan') return false;
  let staged = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--staged') staged = true;
    else if (a === '--') break;
    else if (VALUE_OPTIONS.has(a)) i++;
    else if (FLAG_OPTIONS.has(a) || a === '--whole-files') continue;
    else if (a.startsWith('--') && a.indexOf('=') > 0 && VALUE_OPTIONS.has(a.slice(0, a.indexOf('=')))) continue;
    else if (a.startsWith('-')) return false; // --history, --help, anything unknown
  }
  return staged;
}

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
