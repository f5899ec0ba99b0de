// Issue 16 item 3: one rule for every reported path, whatever the front end (scan, dotenv, doctor) and format.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId } from '@credlint/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { displayPath } from '../src/display-path.js';
import { cli, git, removeDir, scanJson, tempDir } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop() as string);
});

const keyLine = (seed: number) => `const id = "${fakeAccessKeyId({ seed })}";\n`;

/** A repository (with sub/) and, beside it, a plain directory outside any repository. */
function layout(): { repo: string; sub: string; outside: string } {
  const top = tempDir('credlint-display-');
  dirs.push(top);
  const repo = path.join(top, 'repo');
  mkdirSync(repo);
  git(repo, 'init', '-q', '-b', 'main');
  const sub = path.join(repo, 'sub');
  const outside = path.join(top, 'outside');
  for (const d of [sub, outside]) mkdirSync(d);
  writeFileSync(path.join(repo, 'top.ts'), keyLine(1));
  writeFileSync(path.join(sub, 'here.ts'), keyLine(2));
  writeFileSync(path.join(outside, 'far.ts'), keyLine(3));
  return { repo, sub, outside };
}

describe('displayPath', () => {
  it('inside cwd: relative; in cwd’s repository: ../ like git; elsewhere: absolute', () => {
    const { repo, sub, outside } = layout();
    expect(displayPath(path.join(sub, 'here.ts'), sub)).toBe('here.ts');
    expect(displayPath(sub, sub)).toBe('.');
    expect(displayPath(path.join(repo, 'top.ts'), sub)).toBe('../top.ts');
    expect(displayPath(path.join(outside, 'far.ts'), sub)).toBe(path.join(outside, 'far.ts'));
    // outside git, nothing above cwd is "the project"
    expect(displayPath(path.join(repo, 'top.ts'), outside)).toBe(path.join(repo, 'top.ts'));
  });
});

describe('every front end reports paths by that rule', () => {
  it('scan: JSON file and SARIF uri', async () => {
    const { sub, outside } = layout();
    const far = path.join(outside, 'far.ts');
    const { report } = await scanJson(sub, '.', '../top.ts', far);
    expect(report.findings.map((f) => f.file).sort()).toEqual(['../top.ts', far, 'here.ts'].sort());
    const sarif = JSON.parse((await cli(['scan', '--format', 'sarif', far, '../top.ts'], sub)).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri).sort();
    expect(uris).toEqual(['../top.ts', `file://${far}`].sort());
  });

  it('scan: an unreadable named path outside the project is reported by its absolute path', async () => {
    const { sub, outside } = layout();
    const missing = path.join(outside, 'missing.ts');
    const { code, report } = await scanJson(sub, missing);
    expect(code).toBe(2);
    expect(report.summary.errors.map((e) => e.file)).toEqual([missing]);
  });

  it('dotenv: the same rule', async () => {
    const { repo, sub, outside } = layout();
    for (const d of [repo, outside]) writeFileSync(path.join(d, '.env'), 'A = 1\n');
    const r = await cli(['dotenv', '--format', 'json', '../.env', path.join(outside, '.env')], sub);
    const files = (JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
    expect([...new Set(files)].sort()).toEqual(['../.env', path.join(outside, '.env')].sort());
  });

  it('doctor: a shared credentials file in the repository from a subdirectory, and one outside it', async () => {
    const { repo, sub, outside } = layout();
    const home = tempDir('credlint-display-home-');
    dirs.push(home);
    for (const [creds, want] of [
      [path.join(repo, 'creds'), '../creds'],
      [path.join(outside, 'creds'), path.join(outside, 'creds')],
    ] as const) {
      writeFileSync(creds, '[default]\naws_access_key_id = \n');
      const r = await cli(['doctor', '--format', 'json'], sub, { HOME: home, AWS_SHARED_CREDENTIALS_FILE: creds, AWS_REGION: 'us-east-1' });
      const files = (JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
      expect(files).toContain(want);
    }
  });
});
