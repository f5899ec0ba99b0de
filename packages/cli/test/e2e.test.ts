/**
 * End to end, as a user gets it: a real git repository, `credlint init`, the workspace packages
 * installed from `pnpm pack` tarballs (husky, lint-staged and secretlint from the npm registry),
 * then real `git commit`s through the installed husky + lint-staged hook.
 * One install (beforeAll) serves every case; the cases run in order on the same repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, git, gitRepo, removeDir, tempDir } from './helpers.js';
import { sarifValidator } from './sarif-schema.js';

const KEY = fakeAccessKeyId({ seed: 71 });
const SECRET = fakeSecretAccessKey(71);
const MASKED_KEY = `${KEY.slice(0, 4)}…${KEY.slice(-4)}`;

// The workspace packages a project installs.
const PACKAGES = ['core', 'dotenv', 'secretlint-rule-preset', 'eslint-plugin', 'cli'];

// HUSKY=0 (set by CI) would switch the hook off: the user's shell does not have it.
const env: NodeJS.ProcessEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
delete env.HUSKY;
// vitest sets NODE_ENV=test, which switches lint-staged's task list to its JSON test renderer.
delete env.NODE_ENV;
delete env.npm_config_user_agent;

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}`, stdout: r.stdout, stderr: r.stderr };
}

let packDir: string;
let dir: string;

beforeAll(() => {
  packDir = tempDir('credlint-pack-');
  for (const p of PACKAGES) {
    const r = run('pnpm', ['pack', '--pack-destination', packDir], path.join(REPO_ROOT, 'packages', p));
    if (r.code !== 0) throw new Error(`pnpm pack ${p} failed:\n${r.out}`);
  }
  const tarballs = readdirSync(packDir).filter((f) => f.endsWith('.tgz')).map((f) => path.join(packDir, f));

  // A repository that already uses ESLint and secretlint, so init wires lint-staged with both.
  dir = gitRepo({
    'package.json': `${JSON.stringify({ name: 'e2e-app', version: '1.0.0', private: true, type: 'module', devDependencies: { secretlint: '^11.7.1' } }, null, 2)}\n`,
    'README.md': '# app\n',
    '.gitignore': 'node_modules/\n',
    'eslint.config.js': 'export default [];\n',
  });
  // credlint init first (from the build under test; it adds the devDependencies), then the install
  // with our packages from the tarballs instead of the registry.
  const init = run(process.execPath, [BIN, 'init', '--no-install'], dir);
  if (init.code !== 0) throw new Error(`credlint init failed:\n${init.out}`);
  const install = run('npm', ['install', '--save-dev', '--no-audit', '--no-fund', 'eslint@^10', ...tarballs], dir);
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.out}`);
  // The ESLint step init prints (it never edits eslint.config.js itself).
  if (!init.stdout.includes("import credlint from '@credlint/eslint-plugin'")) throw new Error(`init printed no ESLint step:\n${init.stdout}`);
  writeFileSync(path.join(dir, 'eslint.config.js'), "import credlint from '@credlint/eslint-plugin';\nexport default [...credlint.configs.recommended];\n");
  const husky = run('npx', ['--no-install', 'husky'], dir);
  if (husky.code !== 0) throw new Error(`npx husky failed:\n${husky.out}`);
  git(dir, 'add', '.');
  const first = run('git', ['commit', '-q', '-m', 'wire credlint'], dir);
  if (first.code !== 0) throw new Error(`first commit failed:\n${first.out}`);
}, 600_000);

afterAll(() => {
  removeDir(dir);
  removeDir(packDir);
});

describe('e2e: credlint init + husky + lint-staged + secretlint in a real repository', () => {
  it('init installed the hook through "prepare" (core.hooksPath → .husky/_)', () => {
    expect(git(dir, 'config', 'core.hooksPath').trim()).toBe('.husky/_');
    expect(existsSync(path.join(dir, 'node_modules/@credlint/secretlint-rule-preset/package.json'))).toBe(true);
  });

  it('refuses a commit that adds a credential, with a masked message', () => {
    writeFileSync(path.join(dir, 'config.ts'), `export const accessKeyId = '${KEY}';\nexport const secretAccessKey = '${SECRET}';\n`);
    git(dir, 'add', 'config.ts');
    const r = run('git', ['commit', '-m', 'add config'], dir);
    expect(r.code).not.toBe(0);
    // The hook runs `credlint scan --staged` first and stops there, so secretlint and ESLint (which
    // would report the same credential) never get to it: one masked report.
    expect(r.out).toContain(MASKED_KEY);
    expect(r.out).toMatch(/aws-access-key-id/);
    expect(r.out).not.toMatch(/secretlint --no-glob|eslint --max-warnings/);
    expect(r.out).not.toContain(KEY);
    expect(r.out).not.toContain(SECRET);
    // Each tool on its own reports the file, masked.
    const secretlint = run('npx', ['--no-install', 'secretlint', '--no-glob', 'config.ts'], dir);
    expect(secretlint.code).toBe(1);
    // The preset's messages carry credlint's masked preview (no secretlint `data` to star out).
    expect(secretlint.stdout).toContain(`AWS access key id ${MASKED_KEY}`);
    expect(secretlint.stdout).toMatch(/AWS secret access key \S+…\S+/);
    const eslint = run('npx', ['--no-install', 'eslint', 'config.ts'], dir);
    expect(eslint.code).toBe(1);
    expect(eslint.stdout).toContain(MASKED_KEY);
    expect(eslint.stdout).toMatch(/credlint\/[a-z-]+/);
    for (const out of [secretlint.out, eslint.out]) {
      expect(out).not.toContain(KEY);
      expect(out).not.toContain(SECRET);
    }
    expect(git(dir, 'log', '--format=%s', '-1').trim()).toBe('wire credlint');
  });

  it('--no-verify is the (documented) bypass', () => {
    const r = run('git', ['commit', '-q', '--no-verify', '-m', 'bypass'], dir);
    expect(r.code).toBe(0);
    git(dir, 'reset', '-q', '--hard', 'HEAD~1');
  });

  it('lets a clean commit through', () => {
    writeFileSync(path.join(dir, 'config.ts'), "export const region = process.env.AWS_REGION ?? 'eu-west-1';\n");
    git(dir, 'add', 'config.ts');
    const r = run('git', ['commit', '-q', '-m', 'clean config'], dir);
    expect(r.code, r.out).toBe(0);
    expect(git(dir, 'log', '--format=%s', '-1').trim()).toBe('clean config');
  });

  it('commits a partially staged file whose credential is only in the unstaged hunk, and keeps that hunk', () => {
    const base = Array.from({ length: 20 }, (_, i) => `// line ${i + 1}`);
    writeFileSync(path.join(dir, 'partial.ts'), `${base.join('\n')}\n`);
    git(dir, 'add', 'partial.ts');
    git(dir, 'commit', '-q', '-m', 'partial base');
    writeFileSync(path.join(dir, 'partial.ts'), `// staged edit\n${base.join('\n')}\n`);
    git(dir, 'add', 'partial.ts');
    const withKey = `// staged edit\n${base.join('\n')}\nconst accessKeyId = '${KEY}';\n`;
    writeFileSync(path.join(dir, 'partial.ts'), withKey);
    const r = run('git', ['commit', '-q', '-m', 'partial edit'], dir);
    expect(r.code, r.out).toBe(0);
    expect(git(dir, 'show', 'HEAD:partial.ts')).not.toContain(KEY);
    expect(readFileSync(path.join(dir, 'partial.ts'), 'utf8')).toBe(withKey);
    // The same hunk, staged, is refused.
    git(dir, 'add', 'partial.ts');
    expect(run('git', ['commit', '-q', '-m', 'now with key'], dir).code).not.toBe(0);
    git(dir, 'reset', '-q', 'partial.ts');
    writeFileSync(path.join(dir, 'partial.ts'), `// staged edit\n${base.join('\n')}\n`);
  });

  it('an env file being committed: refused, with or without credentials (env-file-tracked, one severity)', () => {
    writeFileSync(path.join(dir, 'settings.env'), `AWS_ACCESS_KEY_ID=${KEY}\n`);
    git(dir, 'add', '-f', 'settings.env');
    const refused = run('git', ['commit', '-m', 'env'], dir);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('env-file-tracked');
    expect(refused.out).not.toContain(KEY);
    // Without credentials too: the same error as `credlint dotenv` and ESLint (docs/checks/env-file-tracked.md).
    writeFileSync(path.join(dir, 'settings.env'), 'API_URL=https://example.test\n');
    git(dir, 'add', '-f', 'settings.env');
    const refusedToo = run('git', ['commit', '-q', '-m', 'env without credentials'], dir);
    expect(refusedToo.code, refusedToo.out).not.toBe(0);
    expect(refusedToo.out).toContain('env-file-tracked');
    git(dir, 'rm', '-q', '--cached', 'settings.env');
  });

  it('the installed CLI scans the staged index (credlint scan --staged) like the hook would', () => {
    writeFileSync(path.join(dir, 'staged.ts'), `const accessKeyId = '${KEY}';\n`);
    git(dir, 'add', 'staged.ts');
    const r = run('npx', ['--no-install', 'credlint', 'scan', '--staged'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(MASKED_KEY);
    expect(r.out).not.toContain(KEY);
    git(dir, 'rm', '-q', '--cached', 'staged.ts');
  });

  it('CI path: the installed `credlint scan --format sarif` output validates against SARIF 2.1.0', () => {
    mkdirSync(path.join(dir, 'ci'), { recursive: true });
    writeFileSync(path.join(dir, 'ci', 'leak.py'), `aws_access_key_id = "${KEY}"\n`);
    const r = run('npx', ['--no-install', 'credlint', 'scan', '--format', 'sarif', '--output', 'credlint.sarif'], dir);
    expect(r.code).toBe(1);
    const log = JSON.parse(readFileSync(path.join(dir, 'credlint.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0]?.results.length).toBeGreaterThan(0);
  });
});
