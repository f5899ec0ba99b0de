// Runs the real secretlint CLI as a user's project would: a project folder whose
// node_modules holds secretlint's rule packages and ours, the CLI started with node.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const CORE_DIR = join(PACKAGE_DIR, '../core');
export const SECRETLINT_11_BIN = join(PACKAGE_DIR, 'node_modules/secretlint/bin/secretlint.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function run(command: string, args: string[], cwd: string, timeoutMs = 120_000, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** Links packages into `<dir>/node_modules/<name>` (what an install would put there). */
export function linkPackages(dir: string, packages: Record<string, string>): void {
  for (const [name, target] of Object.entries(packages)) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    rmSync(link, { recursive: true, force: true });
    symlinkSync(realpathSync(target), link, 'dir');
  }
}

/** The packages a project using the preset (and, for comparisons, secretlint's AWS rule) has installed. */
export function workspacePackages(): Record<string, string> {
  return {
    '@credlint/secretlint-rule-preset': PACKAGE_DIR,
    '@credlint/core': CORE_DIR,
    '@secretlint/secretlint-rule-aws': join(PACKAGE_DIR, 'node_modules/@secretlint/secretlint-rule-aws'),
    '@secretlint/secretlint-rule-filter-comments': join(PACKAGE_DIR, 'node_modules/@secretlint/secretlint-rule-filter-comments'),
  };
}

/** A temp project holding a copy of `projectDir` and the given node_modules links. */
export function tempProject(projectDir: string, packages: Record<string, string>): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'credlint-secretlint-'));
  cpSync(projectDir, dir, { recursive: true });
  linkPackages(dir, packages);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface NormalizedMessage {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  range: [number, number];
  ruleId: string;
  messageId: string;
  severity: string;
  message: string;
}
export interface NormalizedResult {
  file: string;
  messages: NormalizedMessage[];
}

interface JsonMessage {
  ruleId: string;
  messageId: string;
  severity: string;
  message: string;
  range: [number, number];
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** secretlint's `--format json` output, reduced to what is stable across versions, with paths relative to `dir`. */
export function normalizeJsonOutput(stdout: string, dir: string): NormalizedResult[] {
  const results = JSON.parse(stdout) as { filePath: string; messages: JsonMessage[] }[];
  return results
    .filter((r) => r.messages.length > 0)
    .map((r) => ({
      file: relative(realpathSync(dir), realpathSync(r.filePath)).replace(/\\/g, '/'),
      messages: r.messages.map((m) => ({
        line: m.loc.start.line,
        column: m.loc.start.column,
        endLine: m.loc.end.line,
        endColumn: m.loc.end.column,
        range: m.range,
        ruleId: m.ruleId,
        messageId: m.messageId,
        severity: m.severity,
        message: m.message,
      })),
    }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** Every reported range's raw text, for checking that no output ever shows it. */
export function reportedValues(results: NormalizedResult[], dir: string): string[] {
  const values: string[] = [];
  for (const r of results) {
    const content = readFileSync(join(dir, r.file), 'utf8');
    for (const m of r.messages) values.push(content.slice(m.range[0], m.range[1]));
  }
  return values;
}
