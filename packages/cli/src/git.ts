/** The few git plumbing calls the CLI makes: one process each, never one per file. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';

export class GitError extends Error {}

export interface GitRun {
  stdout: Buffer;
  stderr: string;
  status: number;
}

/**
 * Config that would change the output we parse, pinned for every call (a `-c` on the command line wins
 * over any config file). Config keys, not newer flags such as `--no-relative`, so older gits accept them.
 */
const PINNED_CONFIG = [
  'core.quotePath=true',
  'color.ui=never',
  'diff.relative=false',
  'diff.noprefix=false',
  'diff.mnemonicPrefix=false',
  'diff.external=',
  'diff.suppressBlankEmpty=false',
  'diff.interHunkContext=0',
];
const PINNED = ['--no-pager', ...PINNED_CONFIG.flatMap((c) => ['-c', c])];

/** git's messages untranslated (we match a few of them), with the caller's repository environment (GIT_DIR, GIT_INDEX_FILE in a hook) kept. */
export function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LANGUAGE: 'C' };
}

/** The argv of every git process this CLI starts, for tests that bound the work (`argv length stays small`). */
export const gitCalls: string[][] = [];

export function gitArgv(args: string[]): string[] {
  const argv = [...PINNED, ...args];
  if (gitCalls.length < 1000) gitCalls.push(argv);
  return argv;
}

export class GitNotFoundError extends GitError {}

export function spawnFailure(e: NodeJS.ErrnoException, cwd: string): GitError {
  // ENOENT is also what a missing working directory gives: that is not "no git".
  if (e.code === 'ENOENT' && existsSync(cwd)) return new GitNotFoundError('git was not found on PATH');
  return new GitError(`could not run git: ${e.message}`);
}

/** Most bytes `git()` takes on stdout or stderr (past it spawnSync fails with ENOBUFS). */
export const GIT_MAX_BUFFER = 1024 * 1024 * 1024;

export function git(args: string[], cwd: string, input?: string | Buffer): GitRun {
  const r = spawnSync('git', gitArgv(args), { cwd, input, env: gitEnv(), maxBuffer: GIT_MAX_BUFFER, windowsHide: true });
  if (r.error) throw spawnFailure(r.error, cwd);
  return { stdout: r.stdout, stderr: r.stderr.toString('utf8'), status: r.status ?? 1 };
}

/** Ready results of git calls started earlier (scan/git-prefetch.ts): `take` hands one over only for the same argv, cwd, input and environment. */
export interface GitResults {
  take(args: string[], cwd: string, input?: string): GitRun | undefined;
  /** A `git <args>` started earlier, still running and waiting for its input (the staged scan's `cat-file --batch`). */
  takeRunning?(args: string[], cwd: string): ChildProcessWithoutNullStreams | undefined;
}

/** The staged scan's blob reader (started early by git-prefetch.ts). */
export const CAT_FILE_BATCH = ['cat-file', '--batch'];

/** `git(args, cwd, input)`, or the same call's result when `ready` holds it. */
export function gitOrReady(args: string[], cwd: string, ready: GitResults | undefined, input?: string): GitRun {
  return ready?.take(args, cwd, input) ?? git(args, cwd, input);
}

export const REV_PARSE_TOP = ['rev-parse', '--show-toplevel'];

/** git's stdout, or a GitError with its message when it exits non-zero; `ready` may hold the same call's result. */
export function gitOk(args: string[], cwd: string, ready?: GitResults): Buffer {
  const r = gitOrReady(args, cwd, ready);
  if (r.status !== 0) throw new GitError(`git ${args[0]} failed: ${r.stderr.trim() || `exit ${r.status}`}`);
  return r.stdout;
}

/** Where `cwd` is for git: a work tree's top, outside any work tree, or no git binary at all. */
export type WorkTree = { kind: 'repo'; top: string } | { kind: 'none'; message: string } | { kind: 'no-git' };

// What `rev-parse` says (LC_ALL=C) when there simply is no work tree here: the only failures that are not errors.
const NOT_A_WORK_TREE = /^fatal: (not a git repository \(or any|this operation must be run in a work tree)/m;

/**
 * Finds the work tree around `cwd`. Throws a GitError with git's own message when git fails for any
 * other reason (a repository git refuses as "dubious ownership", a broken `.git` file, a bad GIT_DIR):
 * falling back to a plain directory walk there would scan the wrong file set and call it clean.
 */
export function findWorkTree(cwd: string, ready?: GitResults): WorkTree {
  let r: GitRun;
  try {
    r = gitOrReady(REV_PARSE_TOP, cwd, ready);
  } catch (e) {
    if (e instanceof GitNotFoundError) return { kind: 'no-git' };
    throw e;
  }
  const top = r.stdout.toString('utf8').replace(/\n$/, '');
  if (r.status === 0 && top) return { kind: 'repo', top };
  const message = r.stderr.trim() || `exit ${r.status}`;
  if (NOT_A_WORK_TREE.test(message)) return { kind: 'none', message };
  throw new GitError(gitFailureMessage(cwd, message));
}

/** git's error, plus what to do about the one a root CI container hits on a mounted checkout. */
export function gitFailureMessage(cwd: string, stderr: string): string {
  let text = `git cannot read the repository at ${cwd}:\n${stderr.replace(/^(?=.)/gm, '  ')}`;
  const dubious = /dubious ownership in repository at '(.*)'/.exec(stderr);
  if (dubious) {
    text +=
      `\nhint: the repository belongs to another user. If you trust it, run \`git config --global --add safe.directory ${dubious[1] ?? cwd}\`` +
      ' (or run credlint as the owner). credlint does not scan a repository git refuses: it could not tell tracked from ignored files.';
  }
  return text;
}

/** The work tree's top directory, or undefined outside a git work tree (or when git fails). */
export function gitTopLevel(cwd: string): string | undefined {
  const r = git(['rev-parse', '--show-toplevel'], cwd);
  if (r.status !== 0) return undefined;
  return r.stdout.toString('utf8').trim() || undefined;
}

export function splitZ(buf: Buffer): string[] {
  const out = buf.toString('utf8').split('\0');
  if (out.at(-1) === '') out.pop();
  return out;
}

/** A blob over the size limit: its size and its first bytes, enough to tell binary from text. */
export interface LargeBlob {
  size: number;
  head: Buffer;
}

/** Bytes kept of an over-limit blob: git's binary sniff looks at the first 8000. */
export const SNIFF_BYTES = 8000;

/**
 * Reads many blobs through one `git cat-file --batch`. Returns content by object id, or for blobs
 * over `maxSize` their size and first SNIFF_BYTES (the rest is drained, not kept).
 */
export function readBlobs(ids: string[], cwd: string, maxSize: number, ready?: GitResults): Promise<Map<string, Buffer | LargeBlob>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, Buffer | LargeBlob>();
    if (ids.length === 0) return resolve(out);
    const child =
      ready?.takeRunning?.(CAT_FILE_BATCH, cwd) ??
      spawn('git', gitArgv(CAT_FILE_BATCH), { cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    let pending: Buffer = Buffer.alloc(0);
    let want = 0; // bytes of the current object's content (+1 for the trailing LF) still expected
    let current: { id: string; size: number; parts: Buffer[]; kept: number; limit: number } | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (!current) {
          const nl = pending.indexOf(10);
          if (nl < 0) return;
          const header = pending.subarray(0, nl).toString('utf8');
          pending = pending.subarray(nl + 1);
          const [id = '', type, sizeText] = header.split(' ');
          if (type === 'missing' || sizeText === undefined) continue;
          const size = Number(sizeText);
          current = { id, size, parts: [], kept: 0, limit: size <= maxSize ? size : Math.min(size, SNIFF_BYTES) };
          want = size + 1;
        }
        if (pending.length === 0) return;
        const take = Math.min(want, pending.length);
        const keep = Math.min(take, current.limit - current.kept);
        if (keep > 0) {
          current.parts.push(pending.subarray(0, keep));
          current.kept += keep;
        }
        pending = pending.subarray(take);
        want -= take;
        if (want > 0) return;
        const content = Buffer.concat(current.parts);
        out.set(current.id, current.size <= maxSize ? content : { size: current.size, head: content });
        current = undefined;
      }
    });
    child.on('error', (e) => reject(spawnFailure(e, cwd)));
    // git exiting early (a bad repository) closes its stdin: the exit status reports it, not an EPIPE crash.
    child.stdin.on('error', () => {});
    child.on('close', (code) => {
      if (code !== 0) reject(new GitError(`git cat-file failed: ${stderr.trim() || `exit ${code}`}`));
      else resolve(out);
    });
    child.stdin.end(ids.map((id) => `${id}\n`).join(''));
  });
}

/** Undoes git's C-style quoting of paths in diff headers (`"b/tab\there"`, octal UTF-8 bytes). */
export function unquoteGitPath(p: string): string {
  if (!p.startsWith('"')) return p;
  const bytes: number[] = [];
  const body = p.slice(1, p.endsWith('"') ? -1 : undefined);
  const map: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(map[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
