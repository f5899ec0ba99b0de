// Issue 12: one check, one answer. A real git repository with a committed, a staged-only, an
// ignored, an untracked and an example env file goes through `credlint scan`, `credlint dotenv`,
// ESLint (the plugin's recommended config through `new ESLint()`: plain, --fix, --cache) and
// secretlint: every front end reports the same check ids, with the same severities, lines and
// messages — and those severities are the table's (`checks[id].severity`).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@credlint/core/testing';
import { CHECK_IDS, checks, type CheckId } from '@credlint/dotenv';
import { gitProcesses } from '@credlint/dotenv/internals';
import { lintSource } from '@secretlint/core';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The built plugin, as users load it.
import plugin from '../../eslint-plugin/dist/index.js';
import { cli, git, gitRepo, removeDir, scanJson } from './helpers.js';

const KEY = fakeAccessKeyId({ seed: 1201 });
const SECRET = fakeSecretAccessKey(1202);
const EXAMPLE_KEY = fakeAccessKeyId({ seed: 1203 });
const IDS = new Set<string>(CHECK_IDS);

/** file → sorted `line id severity message` rows, dotenv check ids only. */
type Answer = Record<string, string[]>;

function add(answer: Answer, file: string, line: number, id: string, severity: string, message: string): void {
  if (!IDS.has(id)) return;
  (answer[file] ??= []).push(`${line} ${id} ${severity} ${message}`);
}

function sorted(answer: Answer): Answer {
  return Object.fromEntries(Object.entries(answer).map(([f, rows]) => [f, rows.sort()]).sort(([a = ''], [b = '']) => (a < b ? -1 : 1)));
}

let dir: string;

beforeAll(() => {
  dir = gitRepo({
    '.gitignore': '.env.local\n.eslintcache\n',
    // example: committed on purpose; holds a key (credential-in-example)
    '.env.example': `AWS_REGION=\nDB_URL=\nAWS_ACCESS_KEY_ID=${EXAMPLE_KEY}\n`,
    // committed: env-file-tracked; docker keeps the quotes (quoted-value); drift against the example
    '.env': 'AWS_REGION=eu-west-1\nAPI_URL="https://api.example.test"\n',
    // gitignored local file: format and drift only, never a leak
    '.env.local': 'AWS_REGION=eu-west-1\nDB_URL=postgres://localhost/db  \nexport DEBUG=1\n',
    // force-added, never committed, with keys and an autofixable warning (trailing blanks)
    '.env.staging': `AWS_ACCESS_KEY_ID=${KEY}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_REGION=eu-west-1  \n`,
    // untracked and not ignored
    '.env.new': 'AWS_REGION = eu-west-1\n',
  });
  git(dir, 'add', '.gitignore', '.env.example');
  git(dir, 'add', '-f', '.env');
  git(dir, 'commit', '-q', '-m', 'init');
  git(dir, 'add', '-f', '.env.staging');
});

afterAll(() => removeDir(dir));

const ENV_FILES = ['.env', '.env.example', '.env.local', '.env.new', '.env.staging'];

async function viaScan(): Promise<Answer> {
  const { report } = await scanJson(dir);
  const answer: Answer = {};
  for (const f of report.findings) add(answer, f.file, f.line, f.ruleId, f.severity, f.message);
  return sorted(answer);
}

async function viaDotenv(): Promise<Answer> {
  const r = await cli(['dotenv', '--format', 'json'], dir);
  const report = JSON.parse(r.stdout) as { findings: { file: string; line: number; ruleId: string; severity: string; message: string }[] };
  const answer: Answer = {};
  for (const f of report.findings) add(answer, f.file, f.line, f.ruleId, f.severity, f.message);
  return sorted(answer);
}

function eslint(options: ConstructorParameters<typeof ESLint>[0] = {}): ESLint {
  return new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended, ...options });
}

async function viaEslint(instance: ESLint): Promise<{ answer: Answer; results: ESLint.LintResult[] }> {
  const results = await instance.lintFiles(ENV_FILES);
  const answer: Answer = {};
  for (const r of results) {
    for (const m of r.messages) {
      add(answer, path.relative(dir, r.filePath), m.line, (m.ruleId ?? '').replace(/^credlint\//, ''), m.severity === 2 ? 'error' : 'warning', m.message);
    }
  }
  return { answer: sorted(answer), results };
}

describe('one answer across front ends (real git repository)', () => {
  it('scan, dotenv and ESLint report the same checks, severities, lines and messages', async () => {
    const scan = await viaScan();
    const dotenv = await viaDotenv();
    const { answer: lint } = await viaEslint(eslint());
    if (process.env.SHOW_ANSWER) console.log(JSON.stringify(scan, null, 1));
    expect(dotenv).toEqual(scan);
    expect(lint).toEqual(scan);
    // what the fixture is for: each repository state gives its check
    const ids = (file: string) => (scan[file] ?? []).map((row) => row.split(' ')[1]);
    expect(ids('.env')).toEqual(expect.arrayContaining(['env-file-tracked', 'example-drift', 'quoted-value']));
    expect(ids('.env.staging')).toEqual(expect.arrayContaining(['env-file-tracked', 'trailing-whitespace']));
    expect(ids('.env.new')).toEqual(expect.arrayContaining(['env-file-not-ignored', 'space-around-equals']));
    expect(ids('.env.local')).toEqual(expect.arrayContaining(['example-drift', 'export-prefix', 'trailing-whitespace']));
    expect(ids('.env.local')).not.toContain('env-file-not-ignored');
    expect(ids('.env.example')).toEqual(['credential-in-example']);
    // the severity every front end gave is the table's
    for (const rows of Object.values(scan)) {
      for (const row of rows) {
        const [, id, severity] = row.split(' ');
        expect(severity, row).toBe(checks[id as CheckId].severity);
      }
    }
    // no whole credential in any message
    for (const row of Object.values(scan).flat()) for (const secret of [KEY, SECRET, EXAMPLE_KEY]) expect(row).not.toContain(secret);
  });

  it('a gitignored local .env does not fail `eslint .` (example-drift is a warning)', async () => {
    const { results } = await viaEslint(eslint());
    const local = results.find((r) => r.filePath.endsWith(`${path.sep}.env.local`));
    expect(local?.messages.some((m) => m.ruleId === 'credlint/example-drift')).toBe(true);
    expect(local?.messages.filter((m) => m.ruleId === 'credlint/example-drift').every((m) => m.severity === 1)).toBe(true);
  });

  it('eslint --fix keeps every diagnostic a plain run gives that it did not fix', async () => {
    const plain = await viaEslint(eslint());
    const fixed = await viaEslint(eslint({ fix: true }));
    const staging = fixed.results.find((r) => r.filePath.endsWith(`${path.sep}.env.staging`));
    // the fix ran (trailing blanks gone) and the file is still a force-added env file with keys
    expect(staging?.output).toBeDefined();
    expect(staging?.output).not.toMatch(/ {2}\n/);
    for (const [file, rows] of Object.entries(plain.answer)) {
      const unfixable = rows.filter((row) => !checks[row.split(' ')[1] as CheckId].fixable);
      expect(fixed.answer[file], file).toEqual(expect.arrayContaining(unfixable));
    }
    expect(fixed.answer['.env.staging']?.some((row) => row.includes(' env-file-tracked error '))).toBe(true);
    // ESLint's fix API does not write: the work tree is unchanged
    expect(readFileSync(path.join(dir, '.env.staging'), 'utf8')).toMatch(/ {2}\n$/);
  });

  it('eslint --cache: a change of git state (git add -f) is seen on the next cached run', async () => {
    const cacheLocation = path.join(dir, '.eslintcache');
    const first = await viaEslint(eslint({ cache: true, cacheLocation }));
    expect(first.answer['.env.new']?.some((row) => row.includes(' env-file-not-ignored '))).toBe(true);
    git(dir, 'add', '-f', '.env.new');
    try {
      const second = await viaEslint(eslint({ cache: true, cacheLocation }));
      const fresh = await viaEslint(eslint());
      expect(second.answer).toEqual(fresh.answer);
      expect(second.answer['.env.new']?.some((row) => row.includes(' env-file-tracked error '))).toBe(true);
      expect(second.answer['.env.new']?.some((row) => row.includes(' env-file-not-ignored '))).toBe(false);
    } finally {
      git(dir, 'rm', '-q', '--cached', '.env.new');
    }
  });

  it('ESLint asks git a fixed number of times per run, not once per file', async () => {
    const before = gitProcesses.count;
    // a fresh listing: the index changed since the last run
    git(dir, 'add', '-f', '.env.new');
    git(dir, 'rm', '-q', '--cached', '.env.new');
    await viaEslint(eslint());
    // the listings (index + untracked, ignored, HEAD) once for all five files; at most a re-read of them
    expect(gitProcesses.count - before).toBeLessThanOrEqual(6);
    expect(gitProcesses.count - before).toBeGreaterThan(0);
  });

  it('secretlint (the preset) reports the credentials the CLI reports, as errors', async () => {
    const { creator } = await import('../../secretlint-rule-preset/dist/index.js');
    const { report } = await scanJson(dir);
    for (const file of ['.env.example', '.env.staging']) {
      const content = readFileSync(path.join(dir, file), 'utf8');
      const result = await lintSource({
        source: { filePath: path.join(dir, file), content, contentType: 'text' },
        options: { config: { rules: [{ id: '@credlint/secretlint-rule-preset', rule: creator }] }, maskSecrets: true },
      });
      const lines = new Set(result.messages.filter((m) => m.severity === 'error').map((m) => m.loc.start.line));
      // every credential line scan reports as an error (core's rules or credential-in-example) is secretlint's error too
      const scanLines = report.findings.filter((f) => f.file === file && f.severity === 'error' && (f.ruleId === 'credential-in-example' || !IDS.has(f.ruleId)));
      expect(scanLines.length, file).toBeGreaterThan(0);
      for (const f of scanLines) expect(lines.has(f.line), `${file}:${f.line} ${f.ruleId}`).toBe(true);
    }
  });

  it('the eslint CLI with --fix on a force-added .env with keys: fixes the blanks, still reports env-file-tracked, exits 1', () => {
    const repo = gitRepo({
      '.env': `AWS_ACCESS_KEY_ID=${KEY}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_REGION=eu-west-1  \n`,
      'eslint.config.mjs': `import credlint from ${JSON.stringify(pathToFileURL(path.resolve(import.meta.dirname, '../../eslint-plugin/dist/index.js')).href)};\nexport default [...credlint.configs.recommended];\n`,
    });
    try {
      git(repo, 'add', '-f', '.env');
      const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('eslint/package.json')), 'bin', 'eslint.js');
      const run = (...args: string[]) => spawnSync(process.execPath, [bin, '--format', 'json', ...args, '.env'], { cwd: repo, encoding: 'utf8' });
      const plain = run();
      const fixed = run('--fix');
      const ids = (out: string) => (JSON.parse(out) as { messages: { ruleId: string }[] }[]).flatMap((r) => r.messages.map((m) => m.ruleId)).sort();
      expect(ids(plain.stdout)).toEqual(['credlint/env-file-tracked', 'credlint/trailing-whitespace']);
      expect(ids(fixed.stdout)).toEqual(['credlint/env-file-tracked']);
      expect(fixed.status).toBe(1);
      expect(readFileSync(path.join(repo, '.env'), 'utf8')).toMatch(/AWS_REGION=eu-west-1\n$/);
      // (ESLint's JSON formatter echoes the file as `source`/`output`: only our messages are checked)
      const messages = (out: string) => (JSON.parse(out) as { messages: { message: string }[] }[]).flatMap((r) => r.messages.map((m) => m.message)).join('\n');
      expect(messages(plain.stdout) + messages(fixed.stdout)).not.toContain(SECRET);
      // and a second plain run agrees with what --fix reported
      writeFileSync(path.join(repo, 'unrelated.txt'), 'x\n');
      expect(ids(run().stdout)).toEqual(['credlint/env-file-tracked']);
    } finally {
      removeDir(repo);
    }
  });
});
