// The whole-tree scan's early rev-parse and ls-files (src/scan/git-prefetch.ts) must change nothing but
// speed: the walk takes them only when they are the very call it would make, and the report, stderr and
// exit code are byte-for-byte those of CREDLINT_GIT_PREFETCH=0, on a repository with tracked, untracked,
// ignored files, a directory git cannot open and a submodule. No temp file is left, however the run ends.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId } from '@credlint/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { gitPrefetchStats, prefetchGit } from '../dist/scan/git-prefetch.js';
import { cli, git, gitRepo, removeDir, tempDir } from './helpers.js';
import { giveToNobody, isRoot, openTempDir, runCli } from './fs-harness.js';

const made: string[] = [];
const keep = (dir: string) => (made.push(dir), dir);
afterAll(() => {
  for (const d of made) {
    if (isRoot) chmodSync(d, 0o755);
    removeDir(d);
  }
});

const keyLine = (seed: number) => `const accessKeyId = '${fakeAccessKeyId({ seed })}';\n`;

/** Tracked, untracked, ignored (a key and an env file), a nested repository and a checked-out submodule. */
function repoWithEverything(): string {
  const lib = keep(gitRepo({ 'inner.ts': keyLine(1), 'deep/clean.ts': 'export {};\n' }));
  git(lib, 'add', '.');
  git(lib, 'commit', '-q', '-m', 'lib');
  const repo = keep(
    gitRepo({
      'src/tracked.ts': keyLine(2),
      'src/clean.ts': 'export const a = 1;\n',
      '.gitignore': 'build/\n.env.local\n',
      '.env': 'A=1\n',
    }),
  );
  git(repo, 'add', '.');
  git(repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'mod');
  git(repo, 'commit', '-q', '-m', 'all');
  writeFileSync(path.join(repo, 'src/untracked.ts'), keyLine(3));
  mkdirSync(path.join(repo, 'build'));
  writeFileSync(path.join(repo, 'build/out.js'), keyLine(4)); // ignored: not scanned
  writeFileSync(path.join(repo, '.env.local'), 'B=2\n'); // ignored env file: validated
  const nested = path.join(repo, 'nested');
  mkdirSync(nested);
  git(nested, 'init', '-q', '-b', 'main');
  writeFileSync(path.join(nested, 'n.ts'), keyLine(5));
  return repo;
}

const json = ['scan', '--format', 'json'];

describe('git prefetch: in-process, the walk takes the early results', () => {
  it('at the top: rev-parse, check-ignore and ls-files are taken, same report as without', async () => {
    const repo = repoWithEverything();
    const before = { ...gitPrefetchStats.used };
    prefetchGit(json, repo, process.env);
    const pre = await cli(json, repo);
    expect(gitPrefetchStats.used['rev-parse']).toBe((before['rev-parse'] ?? 0) + 1);
    expect(gitPrefetchStats.used['ls-files']).toBe((before['ls-files'] ?? 0) + 1);
    expect(gitPrefetchStats.used['check-ignore']).toBe((before['check-ignore'] ?? 0) + 1);
    const sync = await cli(json, repo, { CREDLINT_GIT_PREFETCH: '0' });
    expect(pre).toEqual(sync);
    expect(pre.code).toBe(1);
    const report = JSON.parse(pre.stdout) as { findings: { file: string }[]; summary: { errors: { file: string; code: string }[] } };
    // The keys, and the tracked .env (env-file-tracked); not build/out.js (ignored).
    expect(new Set(report.findings.map((f) => f.file))).toEqual(new Set(['.env', 'src/tracked.ts', 'src/untracked.ts', 'mod/inner.ts', 'nested/n.ts']));
    expect(report.summary.errors.map((e) => `${e.file}:${e.code}`)).toEqual(['mod:submodule', 'nested:submodule']);
  });

  it('from a subdirectory: only rev-parse is started and taken (listOne calls git at the top, with other paths)', async () => {
    const repo = repoWithEverything();
    const cwd = path.join(repo, 'src');
    const before = { ...gitPrefetchStats.used };
    const started = gitPrefetchStats.started;
    prefetchGit([...json, '.'], cwd, process.env);
    expect(gitPrefetchStats.started).toBe(started + 1);
    const pre = await cli([...json, '.'], cwd);
    expect(gitPrefetchStats.used['rev-parse']).toBe((before['rev-parse'] ?? 0) + 1);
    expect(gitPrefetchStats.used['ls-files']).toBe(before['ls-files'] ?? 0);
    expect(gitPrefetchStats.used['check-ignore']).toBe(before['check-ignore'] ?? 0);
    expect(pre).toEqual(await cli([...json, '.'], cwd, { CREDLINT_GIT_PREFETCH: '0' }));
  });

  it("a top git ignores (`*` in .gitignore): check-ignore's answer is taken, the walker lists, same report", async () => {
    const repo = keep(gitRepo({ '.gitignore': '*\n', 'a.ts': keyLine(7), 'sub/b.ts': 'export {};\n' }));
    const before = { ...gitPrefetchStats.used };
    prefetchGit(json, repo, process.env);
    const pre = await cli(json, repo);
    expect(gitPrefetchStats.used['check-ignore']).toBe((before['check-ignore'] ?? 0) + 1);
    expect(gitPrefetchStats.used['ls-files']).toBe(before['ls-files'] ?? 0);
    expect(pre).toEqual(await cli(json, repo, { CREDLINT_GIT_PREFETCH: '0' }));
    expect(JSON.parse(pre.stdout).summary.files).toBe(0); // the walker applies the same .gitignore
  });

  it('not taken by another directory, named paths or CREDLINT_GIT_PREFETCH=0', async () => {
    const repo = repoWithEverything();
    const before = { ...gitPrefetchStats.used };
    prefetchGit(json, repo, process.env);
    await cli(json, path.join(repo, 'src'));
    prefetchGit(json, repo, process.env);
    await cli([...json, 'src'], repo);
    prefetchGit(json, repo, process.env);
    await cli(json, repo, { CREDLINT_GIT_PREFETCH: '0' });
    expect(gitPrefetchStats.used).toEqual(before);
    // Nothing is started for arguments that are neither a whole-tree nor a staged scan, or with the switch off.
    const started = gitPrefetchStats.started;
    prefetchGit([...json, 'src'], repo, process.env);
    prefetchGit([...json, '--history'], repo, process.env);
    prefetchGit([...json, '--staged', '--history'], repo, process.env);
    prefetchGit(json, repo, { ...process.env, CREDLINT_GIT_PREFETCH: '0' });
    expect(gitPrefetchStats.started).toBe(started);
  });

  it('--staged (the commit hook): rev-parse and both diffs are taken, same report as without, new and modified files', async () => {
    const repo = repoWithEverything();
    writeFileSync(path.join(repo, 'src/clean.ts'), `export const a = 1;
${keyLine(11)}`); // modified: the line diff
    writeFileSync(path.join(repo, 'src/new.ts'), keyLine(12)); // added whole
    git(repo, 'add', 'src/clean.ts', 'src/new.ts');
    const argv = [...json, '--staged'];
    for (const [args, cwd] of [[argv, repo], [[...argv, 'clean.ts'], path.join(repo, 'src')], [[...argv, '--whole-files'], repo]] as const) {
      const before = { ...gitPrefetchStats.used };
      const started = gitPrefetchStats.started;
      prefetchGit([...args], cwd, process.env);
      expect(gitPrefetchStats.started).toBe(started + 4);
      const pre = await cli([...args], cwd);
      expect(gitPrefetchStats.used['rev-parse']).toBe((before['rev-parse'] ?? 0) + 1);
      expect(gitPrefetchStats.used['cat-file']).toBe((before['cat-file'] ?? 0) + 1);
      // --whole-files needs no line diff: only the staged-files diff is taken (the other is stopped)
      expect(gitPrefetchStats.used.diff).toBe((before.diff ?? 0) + (args.includes('--whole-files') ? 1 : 2));
      const sync = await cli([...args], cwd, { CREDLINT_GIT_PREFETCH: '0' });
      expect(pre).toEqual(sync);
      expect(pre.code).toBe(1);
    }
    const report = JSON.parse((await cli(argv, repo)).stdout) as { findings: { file: string; line: number }[] };
    expect(report.findings.map((f) => `${f.file}:${f.line}`).sort()).toEqual(['src/clean.ts:2', 'src/new.ts:1']);
    // Started for another directory: not taken (stopped), the scan reads the blobs itself, same report.
    const before = { ...gitPrefetchStats.used };
    prefetchGit(argv, repo, process.env);
    const elsewhere = await cli(argv, path.join(repo, 'src'));
    expect(gitPrefetchStats.used).toEqual(before);
    expect(elsewhere).toEqual(await cli(argv, path.join(repo, 'src'), { CREDLINT_GIT_PREFETCH: '0' }));
    expect(elsewhere.code).toBe(1);
  });
});

describe('git prefetch: the real bin, byte-identical to CREDLINT_GIT_PREFETCH=0', () => {
  /**
   * A git that logs each rev-parse / ls-files / check-ignore it runs, and is `slow` seconds slower
   * on ls-files and grep (still running when a scan ends early); everything else is the real git.
   */
  function loggingGit(slow = 0): { env: NodeJS.ProcessEnv; calls: () => string[] } {
    const bin = keep(openTempDir('credlint-fakegit-'));
    const log = path.join(bin, 'calls.log');
    writeFileSync(log, '');
    chmodSync(log, 0o666);
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(
      path.join(bin, 'git'),
      // Each logged with where its output goes: a file for the calls bin started, a pipe (socket) for spawnSync's.
      `#!/bin/sh\nif [ -f /dev/stdout ]; then out=file; else out=pipe; fi\n` +
        `for a in "$@"; do case "$a" in rev-parse|ls-files|check-ignore) echo "$a $out" >> "${log}"; break;; esac; done\n` +
        `for a in "$@"; do case "$a" in ls-files|grep) sleep ${slow}; break;; esac; done\nexec "${realGit}" "$@"\n`,
    );
    chmodSync(path.join(bin, 'git'), 0o755);
    return {
      env: { PATH: `${bin}:${process.env.PATH}` },
      calls: () => {
        const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
        writeFileSync(log, '');
        return lines;
      },
    };
  }

  it.skipIf(!isRoot)('tracked, untracked, ignored, an unreadable directory and a submodule, as nobody', () => {
    const repo = repoWithEverything();
    mkdirSync(path.join(repo, 'locked'));
    writeFileSync(path.join(repo, 'locked/k.ts'), keyLine(6));
    giveToNobody(repo);
    chmodSync(path.join(repo, 'locked'), 0);
    const tmp = keep(openTempDir('credlint-tmp-'));
    giveToNobody(tmp);
    const fake = loggingGit();
    const env = { ...fake.env, TMPDIR: tmp };

    const pre = runCli(json, repo, { asNobody: true, env });
    const early = fake.calls();
    const sync = runCli(json, repo, { asNobody: true, env: { ...env, CREDLINT_GIT_PREFETCH: '0' } });
    const late = fake.calls();
    // The same calls (the submodule's and the nested repository's own, the env files' checks); the top's
    // three were started by bin and taken, each once (a result not taken would be run again).
    const name = (c: string) => c.split(' ')[0];
    expect(early.map(name).sort()).toEqual(late.map(name).sort());
    expect(early.filter((c) => c.endsWith(' file')).sort()).toEqual(['check-ignore file', 'ls-files file', 'rev-parse file']);
    expect(late.filter((c) => c.endsWith(' file'))).toEqual([]);

    expect(pre.stdout).toBe(sync.stdout);
    expect(pre.stderr).toBe(sync.stderr);
    expect(pre.code).toBe(sync.code);
    expect(pre.code).toBe(2); // the directory git could not open
    const report = JSON.parse(pre.stdout) as { findings: { file: string }[]; summary: { errors: { file: string; code: string }[] } };
    expect(report.summary.errors.map((e) => `${e.file}:${e.code}`)).toEqual(['locked:unreadable', 'mod:submodule', 'nested:submodule']);
    expect(new Set(report.findings.map((f) => f.file))).toEqual(new Set(['.env', 'src/tracked.ts', 'src/untracked.ts', 'mod/inner.ts', 'nested/n.ts']));
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('a repository git refuses (dubious ownership): the same error, from the synchronous call', () => {
    const repo = repoWithEverything();
    chmodSync(repo, 0o755); // root's, and open: git itself must refuse it
    const refused = isRoot ? {} : { GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' };
    const pre = runCli(json, repo, { asNobody: true, env: refused });
    const sync = runCli(json, repo, { asNobody: true, env: { ...refused, CREDLINT_GIT_PREFETCH: '0' } });
    expect(pre).toEqual(sync);
    expect(pre.code).toBe(2);
    expect(pre.stderr).toContain('dubious ownership');
  });

  it('no temp file is left when the scan ends early (a bad option, a bad baseline) while git still runs', () => {
    const repo = repoWithEverything();
    const tmp = keep(tempDir('credlint-tmp-'));
    const env = { ...loggingGit(2).env, TMPDIR: tmp };
    const bad = runCli([...json, '--max-warnings', 'x'], repo, { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-warnings');
    writeFileSync(path.join(repo, 'baseline.json'), '{ not json');
    const early = runCli([...json, '--baseline', 'baseline.json'], repo, { env });
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('baseline');
    expect(readdirSync(tmp)).toEqual([]);
  });
});
