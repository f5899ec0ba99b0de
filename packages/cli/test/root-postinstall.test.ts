// The repository root's `postinstall` (scripts/postinstall.mjs): it activates the repository's git
// hooks with husky when husky is installed, and never fails an install when it is not (a
// production install, or npm installing the repository as a pre-commit hook repository).
// The root has no `prepare`/`prepack`: npm prints their banner on `npm pack`'s stdout, which the
// pre-commit framework reads as the tarball's name.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let dir = '';

/** A git repository laid out like this one's root: scripts/postinstall.mjs and packages/cli/src. */
function fakeRoot(): string {
  dir = mkdtempSync(join(tmpdir(), 'credlint-postinstall-'));
  execFileSync('git', ['init', '-q', dir]);
  mkdirSync(join(dir, 'scripts'));
  mkdirSync(join(dir, 'packages/cli/src'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'scripts/postinstall.mjs'), join(dir, 'scripts/postinstall.mjs'));
  return dir;
}

function postinstall(cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_execpath: '/usr/lib/node_modules/pnpm/bin/pnpm.cjs' };
  delete env.HUSKY;
  delete env.GIT_DIR;
  return spawnSync(process.execPath, ['scripts/postinstall.mjs'], { cwd, env, encoding: 'utf8' });
}

const hooksPath = (cwd: string) => spawnSync('git', ['config', 'core.hooksPath'], { cwd, encoding: 'utf8' }).stdout.trim();

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('root postinstall', () => {
  it('without husky installed, exits 0 and activates nothing', () => {
    const root = fakeRoot();
    const r = postinstall(root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(hooksPath(root)).toBe('');
  });

  it('with husky installed (a development clone), points git at .husky/_', () => {
    const root = fakeRoot();
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(realpathSync(join(REPO_ROOT, 'node_modules/husky')), join(root, 'node_modules/husky'), 'dir');
    const r = postinstall(root);
    expect(r.status).toBe(0);
    expect(hooksPath(root)).toBe('.husky/_');
  });

  it('the root package has no lifecycle script that npm pack would run', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string>; files: string[] };
    for (const name of ['prepare', 'prepack', 'postpack', 'prepublish']) expect(pkg.scripts[name], name).toBeUndefined();
    expect(pkg.scripts.postinstall).toBe('node scripts/postinstall.mjs');
    expect(pkg.bin.credlint).toBe('hook/node_modules/credlint/bin/credlint.js');
    expect(pkg.files).toEqual(expect.arrayContaining(['hook', 'scripts/postinstall.mjs']));
  });
});
