import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, git, gitRepo, removeDir, type JsonReport } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop() as string);
});
const repo = (files: Record<string, string>) => {
  const d = gitRepo({ '.gitignore': '.env\n', ...files });
  dirs.push(d);
  return d;
};

describe('credlint dotenv', () => {
  it('validates every .env* file in the current directory by default, in the JSON shape of docs/cli.md', async () => {
    const dir = repo({ '.env': 'API_URL = https://example.test\n', '.env.example': 'API_URL=\n', 'other.txt': 'x' });
    const r = await cli(['dotenv', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(Object.keys(report)).toEqual(['version', 'findings', 'summary']);
    expect(report.summary).toMatchObject({ files: 2, errors: [] });
    expect(report.findings.find((f) => f.ruleId === 'space-around-equals')).toMatchObject({ file: '.env', line: 1, kind: 'format', severity: 'error' });
  });

  it.each<[string, string, string[], number]>([
    ['clean file', 'API_URL=https://example.test\n', [], 0],
    ['a format error', 'A = 1\n', [], 1],
    ['a format error judged for compose only', "A='x'\n", ['--dialect', 'compose'], 0],
    ['bad dialect', 'A=1\n', ['--dialect', 'cobol'], 2],
  ])('%s → exit %i', async (_name, content, argv, code) => {
    const dir = repo({ '.env': content });
    expect((await cli(['dotenv', '.env', ...argv], dir)).code).toBe(code);
  });

  it('--fix repairs the file without changing values', async () => {
    const dir = repo({ '.env': 'A = 1\n' });
    const r = await cli(['dotenv', '--fix', '.env'], dir);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe('A=1\n');
    expect(r.stdout).toContain('fixed 1 file');
  });

  it('reports a committed env file (env-file-tracked)', async () => {
    const dir = repo({ 'prod.env': 'API_URL=https://example.test\n' });
    git(dir, 'add', 'prod.env');
    const r = await cli(['dotenv', '--format', 'json', 'prod.env'], dir);
    expect((JSON.parse(r.stdout) as JsonReport).findings.map((f) => f.ruleId)).toContain('env-file-tracked');
  });

  it('skips files .credlintignore lists (lint-staged passes every staged env file)', async () => {
    const dir = repo({ '.credlintignore': 'fixtures/\n', 'fixtures/.env': 'A = 1\n' });
    const r = await cli(['dotenv', '--format', 'json', 'fixtures/.env'], dir);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as JsonReport).summary.files).toBe(0);
  });

  it('a missing file is an I/O error (exit 2) listed in summary.errors', async () => {
    const dir = repo({});
    const r = await cli(['dotenv', '--format', 'json', 'nope.env'], dir);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as JsonReport).summary.errors[0]).toMatchObject({ file: 'nope.env', code: 'unreadable' });
  });
});
