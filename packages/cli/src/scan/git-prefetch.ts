/**
 * A whole-tree scan's first git calls, started by bin/credlint.js before the rest of the CLI loads
 * (like the `git grep` prefilter, tree-grep.ts): `rev-parse --show-toplevel` for findWorkTree and, when
 * the scan runs at the work tree's top, listOne's `check-ignore` and `ls-files` for the top named as `.`;
 * for `--staged`, both diffs and a `cat-file --batch` that waits for the blob ids (readBlobs takes it
 * while it still runs; one that ended leaves readBlobs to spawn its own).
 * Each result replaces the synchronous call only when it is that very call (same argv, directory, input
 * and environment) and git exited with a status that is an answer (0; 0 or 1 for check-ignore); its
 * stderr is handed over as the synchronous call's would be (ls-files' "could not open directory"
 * warnings become fatal notes). Anything else (another status, a signal, no git, a scan from a
 * subdirectory) leaves the synchronous call to run and report as it always has.
 */
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CAT_FILE_BATCH, GIT_MAX_BUFFER, gitArgv, gitEnv, REV_PARSE_TOP, type GitResults, type GitRun } from '../git.js';
import { CHECK_IGNORE, lsFilesArgs, STAGED_LINES, STAGED_RAW } from './git-args.js';
import { isStagedArgv, isWholeTreeArgv, mayBeWorkTree } from './tree-grep.js';

interface Early {
  args: string[];
  cwd: string;
  input: string | undefined;
  env: NodeJS.ProcessEnv;
  /** Set when git exited with one of the statuses that are answers and both output files were read. */
  run?: GitRun;
  settled: Promise<void>;
  cancel(): void;
}

/** Prefetched calls started, and used in place of the synchronous call, by command (tests, benchmark). */
export const gitPrefetchStats = { started: 0, used: { 'rev-parse': 0, 'ls-files': 0, 'check-ignore': 0, 'cat-file': 0 } as Record<string, number> };

let early: Early[] = [];
/** The staged scan's `git cat-file --batch`, started early and waiting for the blob ids (it never ends before it gets them). */
let running: { child: ChildProcessWithoutNullStreams; cwd: string; env: NodeJS.ProcessEnv } | undefined;
let exitHook = false;

/**
 * Starts `git <args>` in `cwd` with stdout and stderr to temporary files, not pipes: the CLI's main
 * thread is busy loading modules and then in synchronous work, and a full pipe would stall git.
 */
function start(args: string[], cwd: string, answers: number[], input?: string): Early {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  const remove = () => {
    try {
      if (dir) rmSync(dir, { recursive: true, force: true });
    } catch {
      // an open file on Windows: left for the system's temp clean-up
    }
    dir = undefined;
  };
  const env = gitEnv();
  const e: Early = {
    args,
    cwd,
    input,
    env,
    settled: Promise.resolve(),
    // Synchronous: the process may exit right after.
    cancel: () => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill();
      remove();
    },
  };
  e.settled = new Promise<void>((resolve) => {
    const fds: number[] = [];
    try {
      dir = mkdtempSync(path.join(tmpdir(), 'credlint-git-'));
      const outFile = path.join(dir, 'out');
      const errFile = path.join(dir, 'err');
      fds.push(openSync(outFile, 'w'), openSync(errFile, 'w'));
      if (input !== undefined) {
        writeFileSync(path.join(dir, 'in'), input);
        fds.push(openSync(path.join(dir, 'in'), 'r'));
      }
      child = spawn('git', gitArgv(args), { cwd, env, stdio: [fds[2] ?? 'ignore', fds[0], fds[1]], windowsHide: true });
      for (const fd of fds.splice(0)) closeSync(fd);
      child.on('error', () => resolve());
      child.on('close', (code, signal) => {
        try {
          // dir is gone when cancelled: nothing to read.
          // Past spawnSync's limit the synchronous call fails (ENOBUFS): that is its answer, not this one.
          const fits = (file: string) => statSync(file).size <= GIT_MAX_BUFFER;
          if (code !== null && answers.includes(code) && signal === null && dir && fits(outFile) && fits(errFile)) {
            e.run = { stdout: readFileSync(outFile), stderr: readFileSync(errFile).toString('utf8'), status: code };
          }
        } catch {
          // unread: the synchronous call runs
        }
        resolve();
      });
    } catch {
      for (const fd of fds) closeSync(fd);
      resolve();
    }
  }).finally(remove);
  return e;
}

/**
 * Called first by bin/credlint.js with the raw arguments, when they are a whole-tree scan in what may
 * be a work tree (the same test as the grep's; CREDLINT_GIT_PREFETCH=0 turns this off). listOne's calls
 * are started only where `cwd` holds `.git` (or GIT_DIR / GIT_WORK_TREE say where the tree is): elsewhere
 * cwd is not the top, and the call made at the top would differ.
 */
export function prefetchGit(argv: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  if (env.CREDLINT_GIT_PREFETCH === '0' || !mayBeWorkTree(cwd, env)) return;
  const staged = isStagedArgv(argv);
  if (!staged && !isWholeTreeArgv(argv)) return;
  cancelGitPrefetch();
  early.push(start(REV_PARSE_TOP, cwd, [0]));
  // The commit hook: the staged files, and their line diff (unused, and stopped, when every staged file is new).
  if (staged) {
    early.push(start(STAGED_RAW, cwd, [0]), start(STAGED_LINES, cwd, [0]));
    // Spawning costs the main thread ~10 ms here, more once the CLI has loaded; git's start-up overlaps the loading.
    try {
      const env = gitEnv();
      const child = spawn('git', gitArgv(CAT_FILE_BATCH), { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
      child.on('error', () => {});
      child.stdin.on('error', () => {});
      // Unused, it must not keep the process alive (in-process callers do not exit): referenced again when taken.
      refs(child, false);
      running = { child, cwd, env };
      gitPrefetchStats.started++;
    } catch {
      // the scan spawns its own
    }
  } else if (env.GIT_DIR !== undefined || env.GIT_WORK_TREE !== undefined || existsSync(path.join(cwd, '.git'))) {
    // The listing first: it takes longest. check-ignore answers 1 when nothing is ignored.
    early.push(start(lsFilesArgs(['.']), cwd, [0]), start(CHECK_IGNORE, cwd, [0, 1], '.\0'));
  }
  gitPrefetchStats.started += early.length;
  // An argument error ends the process before runScan takes these over: their temp files go with the process.
  if (!exitHook) process.once('exit', cancelGitPrefetch);
  exitHook = true;
}

/** Stops every prefetched call not taken yet and removes its files. */
export function cancelGitPrefetch(): void {
  for (const e of early) e.cancel();
  early = [];
  stopRunning();
}

function refs(child: ChildProcessWithoutNullStreams, on: boolean): void {
  for (const h of [child, child.stdin, child.stdout, child.stderr] as { ref?(): void; unref?(): void }[]) {
    if (on) h.ref?.();
    else h.unref?.();
  }
}

function stopRunning(): void {
  const child = running?.child;
  running = undefined;
  if (child && child.exitCode === null && child.signalCode === null) child.kill();
}

function sameEnv(a: NodeJS.ProcessEnv, b: NodeJS.ProcessEnv): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/**
 * The prefetched calls started in `cwd`, once they have all ended (the synchronous walk cannot wait
 * for a child); others are stopped. Undefined when none were started there.
 */
export async function takeGitPrefetch(cwd: string): Promise<GitResults | undefined> {
  for (const e of early) if (e.cwd !== cwd) e.cancel();
  early = early.filter((e) => e.cwd === cwd);
  if (running && running.cwd !== cwd) stopRunning();
  const mine = early;
  if (!mine.length) return undefined;
  // Still cancelled on exit while waiting; each removes its own files when it ends.
  await Promise.all(mine.map((e) => e.settled));
  if (early === mine) early = [];
  const left = [...mine];
  return {
    take(args, dir, input) {
      const i = left.findIndex((e) => e.run && e.cwd === dir && e.input === input && e.args.length === args.length && e.args.every((a, k) => a === args[k]));
      const e = left[i];
      if (!e?.run || !sameEnv(e.env, gitEnv())) return undefined;
      left.splice(i, 1);
      const name = args.find((a) => !a.startsWith('-')) ?? '';
      gitPrefetchStats.used[name] = (gitPrefetchStats.used[name] ?? 0) + 1;
      return e.run;
    },
    takeRunning(args, dir) {
      const r = running;
      if (!r) return undefined;
      running = undefined;
      // Only while it still waits, for the very call: one that ended (not a repository, no git) or
      // another call leaves the scan to spawn and report its own, and this one is stopped.
      const same = args.length === CAT_FILE_BATCH.length && args.every((a, k) => a === CAT_FILE_BATCH[k]);
      if (!same || r.cwd !== dir || r.child.exitCode !== null || r.child.signalCode !== null || !sameEnv(r.env, gitEnv())) {
        if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill();
        return undefined;
      }
      refs(r.child, true);
      gitPrefetchStats.used['cat-file'] = (gitPrefetchStats.used['cat-file'] ?? 0) + 1;
      return r.child;
    },
  };
}
