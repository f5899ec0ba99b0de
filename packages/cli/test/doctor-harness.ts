/**
 * Test harness for `credlint doctor`: a temp HOME per case holding generated credentials, config and
 * SSO cache files, a temp project dir as cwd, and an environment with every inherited AWS_* removed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { runDoctor } from '../src/doctor/index.js';

export const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../bin/credlint.js');

export interface DoctorCase {
  root: string;
  home: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CaseSpec {
  credentials?: string;
  config?: string;
  /** SSO cache entries, by sso-session name or legacy start URL (hashed like the CLI does). */
  sso?: Record<string, Record<string, unknown>>;
  dotenv?: string;
  env?: Record<string, string>;
  /** Mode of the credentials/config/cache files (default 0o600). */
  mode?: number;
}

const cleanups: string[] = [];

/** The inherited environment without any AWS_* (and with HOME/USERPROFILE pointing at the temp home). */
export function baseEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('AWS_') || k === 'HOME' || k === 'USERPROFILE' || k === 'HOMEDRIVE' || k === 'HOMEPATH') continue;
    env[k] = v;
  }
  env.HOME = home;
  env.USERPROFILE = home;
  env.NO_COLOR = '1';
  return env;
}

/** A fresh temp root with `home/` (HOME) and `project/` (cwd); a spec function can write helpers under the root first. */
export function makeCase(specOrFn: CaseSpec | ((root: string) => CaseSpec) = {}): DoctorCase {
  const root = mkdtempSync(join(tmpdir(), 'credlint-doctor-'));
  cleanups.push(root);
  const home = join(root, 'home');
  const cwd = join(root, 'project');
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  mkdirSync(cwd, { recursive: true });
  const spec = typeof specOrFn === 'function' ? specOrFn(root) : specOrFn;
  const mode = spec.mode ?? 0o600;
  const write = (path: string, text: string): void => {
    writeFileSync(path, text);
    chmodSync(path, mode);
  };
  if (spec.credentials !== undefined) write(join(home, '.aws', 'credentials'), spec.credentials);
  if (spec.config !== undefined) write(join(home, '.aws', 'config'), spec.config);
  for (const [key, body] of Object.entries(spec.sso ?? {})) write(ssoCachePath(home, key), JSON.stringify(body, null, 2));
  if (spec.dotenv !== undefined) writeFileSync(join(cwd, '.env'), spec.dotenv);
  return { root, home, cwd, env: { ...baseEnv(home), ...spec.env } };
}

export function ssoCachePath(home: string, key: string): string {
  return join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(key).digest('hex')}.json`);
}

export function cleanupCases(): void {
  for (const dir of cleanups.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** runDoctor in this process, with the case's environment and cwd (process.env is never read). */
export async function runInProcess(args: string[], c: DoctorCase): Promise<RunResult> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runDoctor(args, { stdout, stderr, env: c.env, cwd: c.cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The real CLI: `node packages/cli/bin/credlint.js doctor …` in the case's cwd with only the case's environment. */
export function runCli(args: string[], c: DoctorCase): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, 'doctor', ...args], { cwd: c.cwd, env: c.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout, stderr });
    });
  });
}

export interface JsonReport {
  version: number;
  findings: { file: string; line: number; column: number; endLine: number; endColumn: number; ruleId: string; kind: string; severity: string; message: string }[];
  summary: { files: number; findings: number; ignored: number; errors: unknown[] };
}

export function parseJson(r: RunResult): JsonReport {
  return JSON.parse(r.stdout) as JsonReport;
}

export const ruleIds = (j: JsonReport): string[] => [...new Set(j.findings.map((f) => f.ruleId))].sort();
