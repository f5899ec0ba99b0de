// The pre-commit framework (https://pre-commit.com) installing this repository as a hook repository,
// as a Python team would: a temp project whose .pre-commit-config.yaml names a git repository made
// from the current work tree, `pre-commit install --install-hooks` (npm installs the repository:
// root postinstall builds hook/, `npm pack`, `npm install -g`), then real commits.
// Needs the `pre-commit` command (Debian's package, 3.0.4 on bookworm; .ci/run installs it): without
// it this test fails, it does not skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GIT_ID = ['-c', 'user.name=credlint test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false'];

let tmp = '';
let project = '';
let env: NodeJS.ProcessEnv = {};

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 900_000 });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

/** A one-commit git repository holding the work tree as it is now (tracked and new files, not ignored ones). */
function hookRepoFromWorkTree(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const source = join(REPO_ROOT, file);
    if (!existsSync(source) || !lstatSync(source).isFile()) continue; // deleted in the work tree, or a symlink
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(source, join(dir, file));
    chmodSync(join(dir, file), lstatSync(source).mode & 0o777);
  }
  execFileSync('git', ['init', '-q', dir]);
  execFileSync('git', ['add', '-A'], { cwd: dir });
  execFileSync('git', [...GIT_ID, 'commit', '-q', '--no-verify', '-m', 'work tree'], { cwd: dir });
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'credlint-pre-commit-'));
  // pre-commit's own cache (clones, node environments) stays in the temp dir.
  env = { ...process.env, PRE_COMMIT_HOME: join(tmp, 'pre-commit-home'), NO_COLOR: '1', HUSKY: '0' };
  delete env.GIT_DIR;
  delete env.GIT_INDEX_FILE;
  const version = run('pre-commit', ['--version'], tmp);
  if (version.code !== 0) {
    throw new Error(`the pre-commit command is required (apt-get install pre-commit, as .ci/run does): ${version.error?.message ?? version.out}`);
  }

  const hookRepo = join(tmp, 'credlint-hook-repo');
  const rev = hookRepoFromWorkTree(hookRepo);
  project = join(tmp, 'python-project');
  mkdirSync(project);
  execFileSync('git', ['init', '-q', project]);
  writeFileSync(join(project, 'app.py'), 'print("hello")\n');
  writeFileSync(
    join(project, '.pre-commit-config.yaml'),
    ['repos:', `  - repo: ${hookRepo}`, `    rev: ${rev}`, '    hooks:', '      - id: credlint-scan', '      - id: credlint-dotenv', ''].join('\n'),
  );
  const install = run('pre-commit', ['install', '--install-hooks'], project);
  if (install.code !== 0) throw new Error(`pre-commit install --install-hooks failed:\n${install.out}`);
}, 900_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const head = () => run('git', ['rev-parse', 'HEAD'], project).out.trim();

describe('the pre-commit framework installs this repository as a hook repository', () => {
  it('a clean commit passes through credlint-scan', () => {
    run('git', ['add', 'app.py', '.pre-commit-config.yaml'], project);
    const commit = run('git', [...GIT_ID, 'commit', '-m', 'clean'], project);
    expect(commit.out).toMatch(/credlint scan --staged\.+Passed/);
    expect(commit.code).toBe(0);
    expect(run('git', ['log', '--oneline'], project).out).toContain('clean');
  });

  it('a leaky commit is refused, with a masked message', () => {
    const keyId = fakeAccessKeyId({ seed: 11 });
    const secret = fakeSecretAccessKey(11);
    writeFileSync(join(project, 'settings.py'), `AWS_ACCESS_KEY_ID = "${keyId}"\nAWS_SECRET_ACCESS_KEY = "${secret}"\n`);
    const before = head();
    run('git', ['add', 'settings.py'], project);
    const commit = run('git', [...GIT_ID, 'commit', '-m', 'leak'], project);
    expect(commit.code).not.toBe(0);
    expect(commit.out).toMatch(/credlint scan --staged\.+Failed/);
    expect(commit.out).toContain(`${keyId.slice(0, 4)}…${keyId.slice(-4)}`);
    expect(commit.out).not.toContain(keyId);
    expect(commit.out).not.toContain(secret);
    expect(head()).toBe(before);
  });

  it('a staged env file is refused by credlint-dotenv', () => {
    run('git', ['reset', '-q'], project);
    writeFileSync(join(project, 'prod.env'), 'AWS_REGION=us-east-1\n');
    const before = head();
    run('git', ['add', 'prod.env'], project);
    const commit = run('git', [...GIT_ID, 'commit', '-m', 'env file'], project);
    expect(commit.code).not.toBe(0);
    expect(commit.out).toMatch(/credlint dotenv\.+Failed/);
    expect(commit.out).toContain('env-file-tracked');
    expect(head()).toBe(before);
  });
});
