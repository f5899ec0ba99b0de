// Issue 14: `credlint init --ci github|gitlab` writes the pull-request recipe, and the recipe really works:
// its commands are run here, against real repositories, with only the CI system's variables filled in.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId } from '@credlint/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, cli, git, gitRepo, removeDir, tempDir } from './helpers.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop() as string);
});
const repo = (files: Record<string, string> = {}) => {
  const d = gitRepo({ 'README.md': '# app\n', ...files });
  dirs.push(d);
  git(d, 'add', '.');
  git(d, 'commit', '-q', '-m', 'base');
  return d;
};
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');
const commitFile = (dir: string, file: string, text: string, msg: string) => {
  writeFileSync(path.join(dir, file), text);
  git(dir, 'add', file);
  git(dir, 'commit', '-q', '--no-verify', '-m', msg);
  return git(dir, 'rev-parse', 'HEAD').trim();
};

/** Runs a recipe's shell line as the CI system would, with credlint from this checkout instead of npx. */
function runLine(line: string, cwd: string, env: Record<string, string>) {
  const local = line.replaceAll(`npx --yes credlint@${VERSION}`, `node ${JSON.stringify(BIN)}`);
  expect(local).not.toContain('npx');
  return spawnSync('bash', ['-c', local], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
}

/** A branch whose first commit adds a key and whose second deletes it: the tree at its head is clean. */
function branchAddingThenDeletingAKey(dir: string): { base: string; head: string } {
  const base = git(dir, 'rev-parse', 'HEAD').trim();
  commitFile(dir, 'config.ts', `export const id = "${fakeAccessKeyId({ seed: 7001 })}";\n`, 'add config');
  const head = commitFile(dir, 'config.ts', 'export const id = process.env.AWS_ACCESS_KEY_ID;\n', 'read it from the environment');
  return { base, head };
}

describe('credlint init --ci github', () => {
  it('writes a workflow that scans the pull request’s commits; a second run changes nothing', async () => {
    const dir = repo();
    const r = await cli(['init', '--hook', 'git', '--ci', 'github'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('created .github/workflows/credlint.yml');
    const wf = parse(read(dir, '.github/workflows/credlint.yml')) as {
      on: { push: { branches: string[] } };
      jobs: { credlint: { steps: { if?: string; run?: string; uses?: string; with?: Record<string, unknown> }[] } };
    };
    expect(wf.on.push.branches).toEqual(['main']);
    const steps = wf.jobs.credlint.steps;
    expect(steps.find((s) => s.uses === 'actions/checkout@v4')?.with).toEqual({ 'fetch-depth': 0 });
    expect(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))?.if).toContain('always()');
    const again = await cli(['init', '--hook', 'git', '--ci', 'github'], dir);
    expect(again.stdout).toContain('nothing to change');

    // The pull-request step, as GitHub runs it: a key added then deleted on the branch fails the check.
    const pr = steps.find((s) => s.if === "github.event_name == 'pull_request'")?.run as string;
    const { base, head } = branchAddingThenDeletingAKey(dir);
    const fill = (sha: [string, string]) =>
      pr.replace('${{ github.event.pull_request.base.sha }}', sha[0]).replace('${{ github.event.pull_request.head.sha }}', sha[1]);
    const failed = runLine(fill([base, head]), dir, {});
    expect(failed.status).toBe(1);
    const sarif = JSON.parse(read(dir, 'credlint.sarif')) as { runs: { results: { ruleId: string; properties: { commit: string } }[] }[] };
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).toEqual(['aws-access-key-id']);
    expect(sarif.runs[0]!.results[0]!.properties.commit).toBe(git(dir, 'rev-parse', `${head}~1`).trim());
    // A later pull request that does not add it passes, though the key is in the history.
    const next = commitFile(dir, 'b.ts', 'export {};\n', 'unrelated');
    expect(runLine(fill([head, next]), dir, {}).status).toBe(0);
    // The push step scans the tree: clean at head.
    const push = steps.find((s) => s.if === "github.event_name != 'pull_request'")?.run as string;
    expect(runLine(push, dir, {}).status).toBe(0);
  });

  it('an existing workflow of that name is left alone, with a note; --dry-run writes nothing', async () => {
    const dir = repo();
    mkdirSync(path.join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(path.join(dir, '.github/workflows/credlint.yml'), 'name: mine\n');
    const r = await cli(['init', '--hook', 'git', '--ci', 'github'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('note: .github/workflows/credlint.yml exists and does not run credlint');
    expect(read(dir, '.github/workflows/credlint.yml')).toBe('name: mine\n');
    const dry = repo();
    const d = await cli(['init', '--hook', 'git', '--ci', 'github', '--dry-run'], dry);
    expect(d.stdout).toContain('+++ b/.github/workflows/credlint.yml');
    expect(existsSync(path.join(dry, '.github'))).toBe(false);
  });

  it('--ci takes github or gitlab', async () => {
    const r = await cli(['init', '--ci', 'jenkins'], repo());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--ci must be one of github, gitlab');
  });
});

describe('credlint init --ci gitlab', () => {
  it('appends both jobs to an existing .gitlab-ci.yml (CRLF kept); the merge-request job fails a branch that added a key', async () => {
    const existing = 'build:\r\n  script:\r\n    - |\r\n      make\r\n';
    const dir = repo({ '.gitlab-ci.yml': existing });
    const r = await cli(['init', '--hook', 'git', '--ci', 'gitlab'], dir);
    expect(r.code).toBe(0);
    const text = read(dir, '.gitlab-ci.yml');
    expect(text.startsWith(`${existing}\r\n# credlint`)).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    const ci = parse(text) as Record<string, { script: string[] | string; rules?: { if: string }[] }>;
    expect(Object.keys(ci)).toEqual(['build', 'credlint', 'credlint-mr']);
    expect((await cli(['init', '--hook', 'git', '--ci', 'gitlab'], dir)).stdout).toContain('nothing to change');

    // The merge-request job as GitLab runs it: in a clone whose origin holds the base.
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '--no-verify', '-m', 'ci');
    const work = tempDir('credlint-gitlab-');
    dirs.push(work);
    git(work, 'clone', '-q', dir, 'clone');
    const clone = path.join(work, 'clone');
    for (const [k, v] of [['user.name', 't'], ['user.email', 't@credlint.invalid'], ['commit.gpgsign', 'false']]) git(clone, 'config', k!, v!);
    const { base, head } = branchAddingThenDeletingAKey(clone);
    const env = { CI_MERGE_REQUEST_DIFF_BASE_SHA: base, CI_COMMIT_SHA: head };
    const results = (ci['credlint-mr']!.script as string[]).map((line) => runLine(line, clone, env));
    expect(results.map((x) => x.status)).toEqual([0, 1]);
    const report = JSON.parse(read(clone, 'credlint.json')) as { findings: { ruleId: string; inHead: boolean }[] };
    expect(report.findings.map((f) => [f.ruleId, f.inHead])).toEqual([['aws-access-key-id', false]]);
    // The branch pipeline's tree scan: clean.
    expect((ci.credlint!.script as string[]).map((line) => runLine(line, clone, env).status)).toEqual([0]);
  });

  it('creates .gitlab-ci.yml when there is none', async () => {
    const dir = repo();
    expect((await cli(['init', '--hook', 'git', '--ci', 'gitlab'], dir)).code).toBe(0);
    expect(Object.keys(parse(read(dir, '.gitlab-ci.yml')) as object)).toEqual(['credlint', 'credlint-mr']);
  });

  it('refuses, writing nothing, when its jobs would break the pipeline: stages without "test", a flow mapping', async () => {
    for (const text of ['stages: [build, deploy]\nbuild:\n  script: [make]\n', 'stages:\n  - build\n\nbuild:\n  script: [make]\n', '{build: {script: [make]}}\n']) {
      const dir = repo({ '.gitlab-ci.yml': text });
      const r = await cli(['init', '--hook', 'git', '--ci', 'gitlab'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('add the credlint jobs');
      expect(read(dir, '.gitlab-ci.yml')).toBe(text);
      expect(existsSync(path.join(dir, '.git/hooks/pre-commit'))).toBe(false);
    }
    const ok = repo({ '.gitlab-ci.yml': 'stages:\n  - build\n  - "test"\nbuild:\n  script: [make]\n' });
    expect((await cli(['init', '--hook', 'git', '--ci', 'gitlab'], ok)).code).toBe(0);
  });
});
