import { unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@credlint/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { addedLineRanges } from '../dist/scan/staged.js';
import { unquoteGitPath } from '../dist/git.js';
import { cli, git, gitRepo, removeDir, scanJson, tempDir } from './helpers.js';

const keyLine = (seed: number) => `const accessKeyId = '${fakeAccessKeyId({ seed })}';`;
const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `// ${prefix} ${i + 1}`);

const repos: string[] = [];
const repo = (files: Record<string, string> = {}) => {
  const dir = gitRepo(files);
  repos.push(dir);
  return dir;
};
afterEach(() => {
  while (repos.length) removeDir(repos.pop() as string);
});

describe('credlint scan inside a git work tree', () => {
  it('scans tracked and untracked files, skips gitignored ones, and still scans a force-added ignored file', async () => {
    const dir = repo({
      '.gitignore': 'local/\n',
      'tracked.ts': keyLine(1),
      'untracked.ts': keyLine(2),
      'local/ignored.ts': keyLine(3),
      'local/forced.ts': keyLine(4),
    });
    git(dir, 'add', 'tracked.ts', '.gitignore');
    git(dir, 'add', '-f', 'local/forced.ts');
    const { report } = await scanJson(dir);
    expect(report.findings.map((f) => f.file)).toEqual(['local/forced.ts', 'tracked.ts', 'untracked.ts']);
  });

  it('reports paths relative to the current directory when run from a subdirectory', async () => {
    const dir = repo({ 'sub/a.ts': keyLine(5), 'b.ts': keyLine(6) });
    const { report } = await scanJson(path.join(dir, 'sub'), '.', '../b.ts');
    expect(report.findings.map((f) => f.file)).toEqual(['../b.ts', 'a.ts']);
  });
});

describe('credlint scan --staged reads the index, not the work tree', () => {
  it('finds a key that is staged but already removed from the working copy', async () => {
    const dir = repo({ 'a.ts': `${keyLine(7)}\n` });
    git(dir, 'add', 'a.ts');
    writeFileSync(path.join(dir, 'a.ts'), 'export {};\n');
    const { code, report } = await scanJson(dir, '--staged');
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file, f.line, f.ruleId])).toEqual([['a.ts', 1, 'aws-access-key-id']]);
  });

  it('ignores a key that is only in an unstaged hunk of a partially staged file', async () => {
    const base = lines(30);
    const dir = repo({ 'a.ts': `${base.join('\n')}\n` });
    git(dir, 'add', 'a.ts');
    git(dir, 'commit', '-q', '-m', 'base');
    // Stage a harmless change at the top…
    const staged = ['// staged change', ...base];
    writeFileSync(path.join(dir, 'a.ts'), `${staged.join('\n')}\n`);
    git(dir, 'add', 'a.ts');
    // …then add a key at the bottom without staging it.
    writeFileSync(path.join(dir, 'a.ts'), `${[...staged, keyLine(8)].join('\n')}\n`);
    const { code, report } = await scanJson(dir, '--staged');
    expect(code).toBe(0);
    expect(report.summary.files).toBe(1);
    // The work-tree scan does see it.
    expect((await scanJson(dir)).report.summary.findings).toBe(1);
  });

  it('reports only added lines by default, whole staged files with --whole-files', async () => {
    const dir = repo({ 'legacy.ts': `${keyLine(9)}\n${lines(10).join('\n')}\n` });
    git(dir, 'add', 'legacy.ts');
    git(dir, 'commit', '-q', '-m', 'legacy key');
    writeFileSync(path.join(dir, 'legacy.ts'), `${keyLine(9)}\n${lines(10).join('\n')}\n${keyLine(10)}\n`);
    git(dir, 'add', 'legacy.ts');
    const added = await scanJson(dir, '--staged');
    expect(added.report.findings.map((f) => f.line)).toEqual([12]);
    const whole = await scanJson(dir, '--staged', '--whole-files');
    expect(whole.report.findings.map((f) => f.line)).toEqual([1, 12]);
  });

  it('pairs a staged secret with a key id on an unchanged line (context from the whole blob)', async () => {
    const id = fakeAccessKeyId({ seed: 11 });
    const dir = repo({ 'creds.ini': `[default]\naws_access_key_id = ${id}\n` });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'id only');
    writeFileSync(path.join(dir, 'creds.ini'), `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${fakeSecretAccessKey(11)}\n`);
    git(dir, 'add', '.');
    const { report } = await scanJson(dir, '--staged');
    expect(report.findings.map((f) => [f.line, f.ruleId])).toEqual([[3, 'aws-secret-access-key']]);
  });

  it('handles paths git quotes (spaces, non-ASCII) and limits to named paths', async () => {
    const dir = repo({ 'dir with space/naïve file.ts': `${keyLine(12)}\n`, 'other.ts': `${keyLine(13)}\n` });
    git(dir, 'add', '.');
    const all = await scanJson(dir, '--staged');
    expect(all.report.findings.map((f) => f.file)).toEqual(['dir with space/naïve file.ts', 'other.ts']);
    const one = await scanJson(dir, '--staged', 'other.ts');
    expect(one.report.findings.map((f) => f.file)).toEqual(['other.ts']);
  });

  it('skips deleted files, binaries and .credlintignore paths', async () => {
    const dir = repo({ 'gone.ts': `${keyLine(14)}\n`, '.credlintignore': 'fixtures/\n' });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'x');
    git(dir, 'rm', '-q', 'gone.ts');
    writeFileSync(path.join(dir, 'blob.bin'), Buffer.from([0, 1, 2, ...Buffer.from(keyLine(15))]));
    const fixtures = path.join(dir, 'fixtures');
    (await import('node:fs')).mkdirSync(fixtures);
    writeFileSync(path.join(fixtures, 'k.ts'), `${keyLine(16)}\n`);
    git(dir, 'add', '.');
    const { code, report } = await scanJson(dir, '--staged');
    expect(code).toBe(0);
    expect(report.summary.errors).toEqual([{ file: 'blob.bin', code: 'binary', message: 'skipped: binary file', fatal: false }]);
  });

  it('refuses outside a git repository (exit 2)', async () => {
    const dir = tempDir();
    repos.push(dir);
    const r = await cli(['scan', '--staged'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/git repository/);
  });

  it('prints the bypass and how to fix when the commit has a credential', async () => {
    const dir = repo({ 'a.ts': `${keyLine(17)}\n` });
    git(dir, 'add', 'a.ts');
    const r = await cli(['scan', '--staged'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('git commit --no-verify');
    unlinkSync(path.join(dir, 'a.ts'));
  });
});

describe('diff parsing', () => {
  it.each<[string, string, Record<string, [number, number][]>]>([
    ['new file', 'diff --git a/x b/x\nnew file mode 100644\n--- /dev/null\n+++ b/x\n@@ -0,0 +1,3 @@\n+a\n+b\n+c\n', { x: [[1, 3]] }],
    ['one-line hunk without count', '--- a/x\n+++ b/x\n@@ -2 +2 @@\n-a\n+b\n', { x: [[2, 2]] }],
    ['pure deletion', '--- a/x\n+++ b/x\n@@ -4,2 +3,0 @@\n-a\n-b\n', { x: [] }],
    ['quoted path', '--- "a/t\\303\\251st"\n+++ "b/t\\303\\251st"\n@@ -1 +1,2 @@\n-w\n+x\n+y\n', { 'tést': [[1, 2]] }],
    ['two files', '+++ b/a\n@@ -1 +1 @@\n-w\n+x\n+++ b/b\n@@ -5,0 +6,2 @@\n+y\n+z\n', { a: [[1, 1]], b: [[6, 7]] }],
    // An added line that reads "++ /dev/null" shows as "+++ /dev/null": hunk content, not a header.
    ['header-shaped content', '+++ b/a\n@@ -0,0 +1,3 @@\n+++ /dev/null\n+@@ -1 +1 @@\n+k\n', { a: [[1, 3]] }],
    ['context lines are not added', '+++ b/a\n@@ -1,3 +1,4 @@\n c\n-o\n+n\n+m\n \n', { a: [[2, 3]] }],
    ['no newline marker', '+++ b/a\n@@ -1 +1 @@\n-o\n\\ No newline at end of file\n+n\n\\ No newline at end of file\n', { a: [[1, 1]] }],
  ])('%s', (_name, patch, expected) => {
    expect(Object.fromEntries(addedLineRanges(patch))).toEqual(expected);
  });

  it.each([
    ['plain', 'plain'],
    ['"b/with\\ttab"', 'b/with\ttab'],
    ['"quote\\"d"', 'quote"d'],
    ['"\\346\\227\\245"', '日'],
  ])('unquotes %s', (input, expected) => {
    expect(unquoteGitPath(input)).toBe(expected);
  });
});
