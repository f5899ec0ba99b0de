// Issue 12 item 5: `credlint scan FILE…` scans exactly the named files; a named directory still
// brings in its gitignored env files.
import { fakeAccessKeyId } from '@credlint/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { git, gitRepo, removeDir, scanJson } from './helpers.js';

const repos: string[] = [];
afterEach(() => {
  while (repos.length) removeDir(repos.pop() as string);
});

/** Root and sub/ each hold a gitignored env file with a lone ASIA key (session-token-required). */
function repo(): string {
  const dir = gitRepo({
    '.gitignore': '.env.local\nsub/.env\n',
    'b.txt': 'nothing here\n',
    'package.json': '{ "name": "x" }\n',
    '.env.local': `AWS_ACCESS_KEY_ID=${fakeAccessKeyId({ seed: 512, prefix: 'ASIA' })}\n`,
    'sub/c.txt': 'clean\n',
    'sub/.env': `AWS_ACCESS_KEY_ID=${fakeAccessKeyId({ seed: 513, prefix: 'ASIA' })}\n`,
  });
  repos.push(dir);
  git(dir, 'add', '.gitignore', 'b.txt', 'package.json', 'sub/c.txt');
  git(dir, 'commit', '-q', '-m', 'init');
  return dir;
}

describe('scan FILE… scans exactly the named files', () => {
  it('a clean named file at the root does not pull in the gitignored .env.local', async () => {
    const dir = repo();
    const { code, report } = await scanJson(dir, 'b.txt');
    expect(report.findings).toEqual([]);
    expect(report.summary.files).toBe(1);
    expect(code).toBe(0);
  });

  it('`scan package.json` scans one file', async () => {
    const dir = repo();
    const { report } = await scanJson(dir, 'package.json');
    expect(report.summary.files).toBe(1);
  });

  it('a named file in a subdirectory does not pull in that directory’s env file', async () => {
    const dir = repo();
    const { report } = await scanJson(dir, 'sub/c.txt', 'b.txt');
    expect(report.summary.files).toBe(2);
    expect(report.findings.map((f) => f.file)).toEqual([]);
  });

  it('a named directory still gets its gitignored env files (and only those under it)', async () => {
    const dir = repo();
    git(dir, 'rm', '-q', '--cached', 'sub/c.txt');
    const { report } = await scanJson(dir, 'sub', 'b.txt');
    expect([...new Set(report.findings.map((f) => f.file))]).toEqual(['sub/.env']);
    expect(report.findings.map((f) => f.ruleId)).toContain('session-token-required');
    expect(report.summary.files).toBe(3); // b.txt, sub/.env, sub/c.txt
  });

  it('the whole tree (no path) still validates the gitignored .env.local', async () => {
    const dir = repo();
    const { report } = await scanJson(dir);
    expect(report.findings.some((f) => f.file === '.env.local' && f.ruleId === 'session-token-required')).toBe(true);
  });

  it('a named env file gets its content checks; --repo-checks adds the repository checks', async () => {
    const dir = repo();
    git(dir, 'add', '-f', '.env.local');
    const plain = await scanJson(dir, '.env.local');
    expect(plain.report.findings.map((f) => f.ruleId)).not.toContain('env-file-tracked');
    expect(plain.report.findings.map((f) => f.ruleId)).toContain('session-token-required');
    const withRepo = await scanJson(dir, '.env.local', '--repo-checks');
    expect(withRepo.report.findings.filter((f) => f.ruleId === 'env-file-tracked').map((f) => f.severity)).toEqual(['error']);
    expect(withRepo.code).toBe(1);
    expect(withRepo.report.summary.files).toBe(1);
  });
});
