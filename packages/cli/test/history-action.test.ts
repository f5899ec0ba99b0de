// The GitHub Action's script (action/scan.sh, which action.yml runs), run for real in temp repositories.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId } from '@credlint/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, git, gitRepo, removeDir, tempDir } from './helpers.js';

const SCRIPT = path.join(REPO_ROOT, 'action', 'scan.sh');
const keyLine = (seed: number) => `const accessKeyId = '${fakeAccessKeyId({ seed })}';\n`;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

function commit(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

interface Sarif {
  runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; properties?: { commit?: string } }[] }[];
}

function runAction(cwd: string, env: Record<string, string>): { code: number; stderr: string; outputs: Record<string, string>; sarif?: Sarif } {
  const out = path.join(tempDir('credlint-action-out-'), 'github_output');
  dirs.push(path.dirname(out));
  writeFileSync(out, '');
  const r = spawnSync('bash', [SCRIPT], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CREDLINT_CMD: `${process.execPath} ${BIN}`, GITHUB_OUTPUT: out, ...env },
  });
  const outputs = Object.fromEntries(
    readFileSync(out, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const sarifFile = path.join(cwd, env.CREDLINT_SARIF ?? 'credlint.sarif');
  const result: { code: number; stderr: string; outputs: Record<string, string>; sarif?: Sarif } = { code: r.status ?? -1, stderr: r.stderr, outputs };
  if (existsSync(sarifFile)) result.sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as Sarif;
  return result;
}

describe('GitHub Action script', () => {
  it('action.yml runs the script, pins a version and uploads SARIF even when the scan fails', () => {
    const yml = readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');
    expect(yml).toContain('using: composite');
    expect(yml).toContain('"$GITHUB_ACTION_PATH/action/scan.sh"');
    expect(yml).toMatch(/version:[\s\S]*?default: \d+\.\d+\.\d+/);
    expect(yml).toMatch(/if: \$\{\{ always\(\)[^\n]*\n\s+uses: github\/codeql-action\/upload-sarif@v3/);
    expect(statSync(SCRIPT).mode & 0o111).not.toBe(0);
  });

  it('pull request: scans only the branch commits, from a shallow clone, and fails with SARIF written', () => {
    const origin = gitRepo({ 'old.js': keyLine(1) });
    dirs.push(origin);
    const base = commit(origin, 'old key on main');
    git(origin, 'checkout', '-q', '-b', 'pr');
    writeFileSync(path.join(origin, 'new.js'), keyLine(2));
    const head = commit(origin, 'pr adds a key');
    git(origin, 'config', 'uploadpack.allowReachableSHA1InWant', 'true');
    // actions/checkout: depth 1 at the PR head.
    const parent = tempDir('credlint-action-');
    dirs.push(parent);
    git(parent, 'clone', '-q', '--depth', '1', '--branch', 'pr', `file://${origin}`, 'ws');
    const ws = path.join(parent, 'ws');
    const r = runAction(ws, { CREDLINT_BASE: base, CREDLINT_HEAD: head });
    expect(r.stderr).toContain('1 credential in the history');
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ 'exit-code': '1', mode: 'pull-request', sarif: 'credlint.sarif' });
    const results = r.sarif?.runs[0]?.results ?? [];
    expect(results.map((x) => [x.locations[0]?.physicalLocation.artifactLocation.uri, x.properties?.commit])).toEqual([['new.js', head]]);
  });

  it('a clean pull request passes (exit 0) though the base has a key', () => {
    const ws = gitRepo({ 'old.js': keyLine(3) });
    dirs.push(ws);
    const base = commit(ws, 'old');
    writeFileSync(path.join(ws, 'readme.md'), 'docs\n');
    const head = commit(ws, 'docs');
    const r = runAction(ws, { CREDLINT_BASE: base, CREDLINT_HEAD: head });
    expect(r.code).toBe(0);
    expect(r.sarif?.runs[0]?.results).toEqual([]);
  });

  it('push events (no base/head): scans the tree', () => {
    const ws = gitRepo({ 'a.js': keyLine(4) });
    dirs.push(ws);
    commit(ws, 'one');
    const r = runAction(ws, { CREDLINT_SARIF: 'out.sarif' });
    expect(r.code).toBe(1);
    expect(r.outputs.mode).toBe('tree');
    expect(r.sarif?.runs[0]?.results).toHaveLength(1);
  });

  it('passes extra args (a baseline) and rejects an unknown mode', () => {
    const ws = gitRepo({ 'a.js': keyLine(5) });
    dirs.push(ws);
    commit(ws, 'one');
    const bl = path.join(tempDir('credlint-action-bl-'), 'b.json');
    dirs.push(path.dirname(bl));
    expect(spawnSync(process.execPath, [BIN, 'scan', '--history', '--baseline', bl, '--update-baseline'], { cwd: ws }).status).toBe(0);
    expect(runAction(ws, { CREDLINT_MODE: 'history', CREDLINT_ARGS: `--baseline ${bl}` }).code).toBe(0);
    expect(runAction(ws, { CREDLINT_MODE: 'history' }).code).toBe(1);
    expect(runAction(ws, { CREDLINT_MODE: 'nope' }).code).toBe(2);
  });
});
