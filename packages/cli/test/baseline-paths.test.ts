/**
 * Issue 10 items 13 and 23: baseline paths are relative to the repository root (so a scan from a
 * subdirectory matches), `--update-baseline` on part of the tree merges, and env-file check
 * fingerprints never depend on the value (a committed baseline must not be dictionary-attackable).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId } from '@credlint/core/testing';
import { fingerprint } from '@credlint/core';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, git, gitRepo, removeDir, scanJson, tempDir, writeTree } from './helpers.js';

const leak = (seed: number) => `export const accessKeyId = '${fakeAccessKeyId({ seed })}';\n`;
interface Entry {
  file: string;
  ruleId: string;
  fingerprint: string;
}
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { version: number; findings: Entry[] };

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

function repo(files: Record<string, string>): string {
  const dir = gitRepo(files);
  dirs.push(dir);
  git(dir, 'add', '-A');
  return dir;
}

describe('item 13: baseline paths are relative to the repository root', () => {
  it('written at the root, matched from a subdirectory (and the other way round)', async () => {
    const dir = repo({ 'sub/a.ts': leak(1), 'b.ts': leak(2) });
    expect((await cli(['scan', '--baseline', '.credlint-baseline.json', '--update-baseline'], dir)).code).toBe(0);
    expect(read(path.join(dir, '.credlint-baseline.json')).findings.map((e) => e.file)).toEqual(['b.ts', 'sub/a.ts']);
    const fromSub = await scanJson(path.join(dir, 'sub'), '--baseline', '../.credlint-baseline.json');
    expect(fromSub.code).toBe(0);
    expect(fromSub.report.summary).toMatchObject({ findings: 0, ignored: 1 });

    // Written from the subdirectory: still root-relative.
    const sub = path.join(dir, 'sub');
    expect((await cli(['scan', '--baseline', 'sub-baseline.json', '--update-baseline'], sub)).code).toBe(0);
    expect(read(path.join(sub, 'sub-baseline.json')).findings.map((e) => e.file)).toEqual(['sub/a.ts']);
    expect((await scanJson(dir, 'sub', '--baseline', 'sub/sub-baseline.json')).code).toBe(0);
  });

  it('outside git, paths are relative to the baseline file', async () => {
    const dir = tempDir();
    dirs.push(dir);
    writeTree(dir, { 'proj/src/a.ts': leak(3) });
    const proj = path.join(dir, 'proj');
    expect((await cli(['scan', '--baseline', 'base.json', '--update-baseline'], proj)).code).toBe(0);
    expect(read(path.join(proj, 'base.json')).findings.map((e) => e.file)).toEqual(['src/a.ts']);
    const fromSrc = await scanJson(path.join(proj, 'src'), '--baseline', '../base.json');
    expect(fromSrc.code).toBe(0);
    expect(fromSrc.report.summary.ignored).toBe(1);
  });

  it('reads version 1 baselines (paths relative to where they were written) from there or the root', async () => {
    const dir = repo({ 'sub/a.ts': leak(4), 'b.ts': leak(5) });
    await cli(['scan', '--baseline', 'v2.json', '--update-baseline'], dir);
    const v2 = read(path.join(dir, 'v2.json'));
    // A v1 file written in sub/: paths relative to sub/.
    const v1 = { version: 1, tool: 'credlint', findings: v2.findings.filter((e) => e.file === 'sub/a.ts').map((e) => ({ ...e, file: 'a.ts' })) };
    writeFileSync(path.join(dir, 'sub', 'v1.json'), JSON.stringify(v1));
    expect((await scanJson(path.join(dir, 'sub'), '--baseline', 'v1.json')).report.summary.ignored).toBe(1);
    // A v1 file written at the root: paths relative to the root, used from sub/.
    writeFileSync(path.join(dir, 'v1-root.json'), JSON.stringify({ ...v2, version: 1 }));
    expect((await scanJson(path.join(dir, 'sub'), '--baseline', '../v1-root.json')).report.summary.ignored).toBe(1);
  });
});

describe('item 13: --update-baseline on part of the tree merges', () => {
  it('replaces the scanned files, keeps the rest, drops files gone from a scanned directory', async () => {
    const dir = repo({ 'a.ts': leak(10), 'sub/b.ts': leak(11), 'sub/c.ts': leak(12), 'other/d.ts': leak(13) });
    await cli(['scan', '--baseline', 'base.json', '--update-baseline'], dir);
    expect(read(path.join(dir, 'base.json')).findings.map((e) => e.file)).toEqual(['a.ts', 'other/d.ts', 'sub/b.ts', 'sub/c.ts']);

    // a.ts gains a second key; only a.ts is re-recorded: the others are kept.
    writeFileSync(path.join(dir, 'a.ts'), leak(10) + leak(14));
    const w = await cli(['scan', 'a.ts', '--baseline', 'base.json', '--update-baseline'], dir);
    expect(w.stderr).toContain('3 kept for files it did not cover');
    expect(read(path.join(dir, 'base.json')).findings.map((e) => e.file)).toEqual(['a.ts', 'a.ts', 'other/d.ts', 'sub/b.ts', 'sub/c.ts']);

    // sub/c.ts is deleted and sub/b.ts cleaned; `scan sub` re-records sub/ only.
    git(dir, 'rm', '-q', '-f', 'sub/c.ts');
    writeFileSync(path.join(dir, 'sub/b.ts'), 'export {};\n');
    await cli(['scan', 'sub', '--baseline', 'base.json', '--update-baseline'], dir);
    expect(read(path.join(dir, 'base.json')).findings.map((e) => e.file)).toEqual(['a.ts', 'a.ts', 'other/d.ts']);
    expect((await scanJson(dir, '--baseline', 'base.json')).code).toBe(0);
  });

  it('--staged adds what the commit adds and keeps what is known (a re-run adds nothing twice)', async () => {
    const dir = repo({ 'a.ts': leak(20), 'b.ts': leak(21) });
    git(dir, 'commit', '-q', '-m', 'init');
    await cli(['scan', '--baseline', 'base.json', '--update-baseline'], dir);
    writeFileSync(path.join(dir, 'a.ts'), leak(20) + leak(22));
    git(dir, 'add', 'a.ts');
    for (let i = 0; i < 2; i++) {
      expect((await cli(['scan', '--staged', '--baseline', 'base.json', '--update-baseline'], dir)).code).toBe(0);
      expect(read(path.join(dir, 'base.json')).findings.map((e) => e.file)).toEqual(['a.ts', 'a.ts', 'b.ts']);
    }
    expect((await scanJson(dir, '--baseline', 'base.json')).code).toBe(0);
  });

  it('a baseline that cannot be written is exit 2 with a clear message, not a stack trace', async () => {
    const dir = repo({ 'a.ts': leak(31) });
    // /proc takes no new files, even from root.
    const r = await cli(['scan', '--baseline', '/proc/credlint-baseline.json', '--update-baseline'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^credlint: cannot write \/proc\/credlint-baseline\.json: E[A-Z]+\n$/);
  });

  it('refuses to overwrite a malformed baseline (exit 2, file untouched)', async () => {
    const dir = repo({ 'a.ts': leak(30) });
    writeFileSync(path.join(dir, 'base.json'), '{"version": 2, "findings": 7}');
    const r = await cli(['scan', '--baseline', 'base.json', '--update-baseline'], dir);
    expect(r.code).toBe(2);
    expect(readFileSync(path.join(dir, 'base.json'), 'utf8')).toBe('{"version": 2, "findings": 7}');
  });
});

describe('item 23: env-file check fingerprints do not depend on the value', () => {
  it('two files that differ only in a short secret get the same fingerprints, none a hash of the line', async () => {
    const dir = repo({});
    mkdirSync(path.join(dir, 'x'));
    mkdirSync(path.join(dir, 'y'));
    // Quoted values and a missing newline fire format checks on the secret-bearing lines.
    writeFileSync(path.join(dir, 'x', '.env'), 'DB_PASSWORD = "hunter2"\nAPI_TOKEN=  abc def');
    writeFileSync(path.join(dir, 'y', '.env'), 'DB_PASSWORD = "letmein"\nAPI_TOKEN=  xyz uvw');
    git(dir, 'add', '-A');
    await cli(['scan', '--baseline', 'base.json', '--update-baseline'], dir);
    const entries = read(path.join(dir, 'base.json')).findings.filter((e) => e.ruleId !== 'env-file-tracked');
    const x = entries.filter((e) => e.file === 'x/.env').map((e) => [e.ruleId, e.fingerprint]);
    const y = entries.filter((e) => e.file === 'y/.env').map((e) => [e.ruleId, e.fingerprint]);
    expect(x.length).toBeGreaterThan(0);
    expect(y).toEqual(x);
    // The old scheme (a hash of the trimmed line) is gone.
    const oldScheme = new Set(['DB_PASSWORD = "hunter2"', 'API_TOKEN=  abc def'].flatMap((line) => entries.map((e) => fingerprint(line, e.ruleId))));
    for (const e of entries) expect(oldScheme.has(e.fingerprint)).toBe(false);
    // Still matched: the baseline absorbs them, and a second copy of a check on a new key is new.
    expect((await scanJson(dir, '--baseline', 'base.json')).code).toBe(0);
  });
});
