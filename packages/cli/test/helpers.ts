import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
// The built CLI: workers load dist/scan/worker.js, so tests exercise what ships.
import { run } from '../dist/index.js';

export const CLI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(CLI_DIR, 'bin', 'credlint.js');
export const REPO_ROOT = path.resolve(CLI_DIR, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs the CLI in-process with captured streams (not a TTY, so no colour or progress). */
export async function cli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const out = sink();
  const err = sink();
  const code = await run(argv, { stdout: out.stream, stderr: err.stream, env: { PATH: process.env.PATH, ...env }, cwd });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** Runs `node bin/credlint.js` as its own process. */
export function cliProcess(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'credlint-cli-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes a tree of files: { 'a/b.ts': 'text' | Buffer }. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A temp git repository with a local identity (never the user's global config). */
export function gitRepo(files: Record<string, string | Buffer> = {}): string {
  const dir = tempDir('credlint-repo-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'credlint test');
  git(dir, 'config', 'user.email', 'test@credlint.invalid');
  git(dir, 'config', 'commit.gpgsign', 'false');
  writeTree(dir, files);
  return dir;
}

export interface JsonReport {
  version: number;
  findings: { file: string; line: number; column: number; endLine: number; endColumn: number; ruleId: string; kind: string; severity: string; message: string }[];
  summary: { files: number; findings: number; ignored: number; errors: { file: string; code: string; message: string; fatal: boolean }[] };
}

export async function scanJson(cwd: string, ...argv: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const r = await cli(['scan', '--format', 'json', ...argv], cwd);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}
