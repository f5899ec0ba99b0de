/**
 * Real-file-system helpers for the fail-closed tests: the CLI run as its own process (optionally as
 * `nobody`, since CI runs as root and root reads everything), FIFOs, key-bearing files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { fakeAccessKeyId } from '@credlint/core/testing';
import { BIN, tempDir, type JsonReport } from './helpers.js';

export const NOBODY = 65534;
export const isRoot = process.getuid?.() === 0;

export interface ProcResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/credlint.js` as a process with a timeout (a hang is a failure, not a stuck suite).
 * `asNobody`: as uid/gid 65534 through setpriv when running as root, so permissions apply.
 */
export function runCli(argv: string[], cwd: string, options: { asNobody?: boolean; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): ProcResult {
  const drop = options.asNobody && isRoot ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'] : [];
  const [cmd = process.execPath, ...rest] = [...drop, process.execPath, BIN, ...argv];
  const r = spawnSync(cmd, rest, {
    cwd,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 512 * 1024 * 1024,
    // HOME in the temp dir: git run as nobody must not look at root's config.
    env: { PATH: process.env.PATH, HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', ...options.env },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

export function runJson(argv: string[], cwd: string, options: Parameters<typeof runCli>[2] = {}): { code: number | null; report: JsonReport & { summary: { errors: { fatal: boolean }[] } }; stderr: string } {
  const r = runCli(['scan', '--format', 'json', ...argv], cwd, options);
  let report;
  try {
    report = JSON.parse(r.stdout) as JsonReport & { summary: { errors: { fatal: boolean }[] } };
  } catch {
    throw new Error(`no JSON (exit ${r.code}, signal ${r.signal}): ${r.stdout.slice(0, 500)}\n${r.stderr.slice(0, 2000)}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

/** A temp dir nobody can enter (mkdtemp makes 0700). */
export function openTempDir(prefix?: string): string {
  const dir = tempDir(prefix);
  chmodSync(dir, 0o755);
  return dir;
}

/** Hands a tree to nobody: git refuses a repository owned by someone else ("dubious ownership"). */
export function giveToNobody(dir: string): void {
  if (isRoot) execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, dir]);
}

export function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

export const leak = (seed: number): string => `export const accessKeyId = '${fakeAccessKeyId({ seed })}';\n`;
