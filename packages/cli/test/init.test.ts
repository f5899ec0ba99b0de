import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId } from '@credlint/core/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { detectPackageManager, detectPm, mergeLintStaged } from '../dist/commands/init.js';
import { insertHookLines } from '../dist/init/edit.js';
import { BIN, REPO_ROOT, cli, git, gitRepo, removeDir, tempDir, writeTree } from './helpers.js';

const dirs: string[] = [];
const repo = (files: Record<string, string>) => {
  const d = gitRepo(files);
  dirs.push(d);
  return d;
};
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop() as string);
});
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');
const json = (dir: string, f: string) => JSON.parse(read(dir, f)) as Record<string, unknown>;
type Pkg = { scripts: Record<string, string>; devDependencies: Record<string, string>; 'lint-staged'?: Record<string, unknown> };
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
// A PATH with a shell and nothing else: no pre-commit framework, whatever this machine has installed.
const shOnly = tempDir('credlint-sh-only-');
symlinkSync('/bin/sh', path.join(shOnly, 'sh'));
afterAll(() => removeDir(shOnly));
const noPreCommit = { PATH: shOnly };

describe('credlint init (package.json projects)', () => {
  it('wires a fresh npm repository: devDependencies, a production-safe prepare, a credlint hook', async () => {
    const dir = repo({ 'package.json': '{\n  "name": "app",\n  "scripts": { "test": "node --test" }\n}\n', 'package-lock.json': '{}' });
    const r = await cli(['init', '--no-install'], dir);
    expect(r.code).toBe(0);
    const pkg = json(dir, 'package.json') as Pkg;
    expect(pkg.scripts).toEqual({ test: 'node --test', prepare: 'node .husky/install.mjs' });
    expect(pkg.devDependencies).toEqual({ credlint: `^${VERSION}`, husky: '^9.1.7' });
    // No ESLint, no secretlint: no lint-staged (it would cost most of the hook's time for nothing).
    expect(pkg['lint-staged']).toBeUndefined();
    expect(read(dir, '.husky/pre-commit')).toMatch(/^# credlint: .*\nnode_modules\/\.bin\/credlint scan --staged\n$/);
    expect(statSync(path.join(dir, '.husky/pre-commit')).mode & 0o111).not.toBe(0);
    expect(read(dir, '.husky/install.mjs')).toContain("await import('husky')");
    expect(existsSync(path.join(dir, '.secretlintrc.json'))).toBe(false);
    expect(r.stdout).toContain('One step left: `npm install`');
    expect(r.stdout).toContain('git commit --no-verify');
  });

  it('.gitignore covers .env, .env.* and *.env but keeps .env.example committable', async () => {
    const dir = repo({ 'package.json': '{"name":"app"}\n' });
    await cli(['init', '--no-install'], dir);
    writeTree(dir, { 'prod.env': 'A=1\n', '.env': 'A=1\n', '.env.local': 'A=1\n', '.env.example': 'A=\n' });
    git(dir, 'add', '-A');
    const staged = git(dir, 'diff', '--cached', '--name-only').split('\n');
    expect(staged).toContain('.env.example');
    for (const f of ['prod.env', '.env', '.env.local']) expect(staged).not.toContain(f);
  });

  it('is idempotent: a second run changes nothing and still names the install', async () => {
    const dir = repo({ 'package.json': '{"name":"app"}\n' });
    await cli(['init', '--no-install'], dir);
    const files = ['package.json', '.husky/pre-commit', '.husky/install.mjs', '.gitignore'];
    const before = files.map((f) => read(dir, f));
    const r = await cli(['init', '--no-install'], dir);
    expect(r.stdout).toContain('nothing to change');
    expect(r.stdout).not.toContain('updated');
    expect(r.stdout).toContain('`npm install`');
    expect(files.map((f) => read(dir, f))).toEqual(before);
  });

  it('with ESLint and secretlint: lint-staged after credlint, the preset wired, rule-aws off inside preset-recommend', async () => {
    const dir = repo({
      'package.json': JSON.stringify({ name: 'app', type: 'module', scripts: { prepare: 'node setup.js' }, 'lint-staged': { '*.ts': 'prettier --write' }, devDependencies: { eslint: '^10', husky: '^9', secretlint: '^11' } }, null, '\t') + '\n',
      '.secretlintrc.json': '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}',
      '.gitignore': 'dist\n.env\n',
      '.husky/pre-commit': 'npm test\n',
      'eslint.config.mjs': 'export default [];\n',
      'yarn.lock': '# yarn lockfile v1\n',
    });
    const r = await cli(['init', '--no-install'], dir);
    expect(r.code, r.stderr).toBe(0);
    const text = read(dir, 'package.json');
    expect(text).toMatch(/^\t"name"/m); // keeps tab indentation
    const pkg = JSON.parse(text) as Pkg;
    expect(pkg.scripts.prepare).toBe('node setup.js && node .husky/install.mjs');
    expect(pkg['lint-staged']).toEqual({ '*.ts': 'prettier --write', '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'eslint --max-warnings=0 --no-warn-ignored', '*': 'secretlint --no-glob' });
    expect(Object.keys(pkg.devDependencies)).toEqual(['@credlint/eslint-plugin', '@credlint/secretlint-rule-preset', 'credlint', 'eslint', 'husky', 'lint-staged', 'secretlint']);
    expect(pkg.devDependencies['lint-staged']).toBe('^16.4.0');
    expect(json(dir, '.secretlintrc.json')).toEqual({
      rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rules: [{ id: '@secretlint/secretlint-rule-aws', allowMessageIds: ['AWSAccessKeyID', 'AWSSecretAccessKey'] }] }, { id: '@credlint/secretlint-rule-preset' }],
    });
    // credlint first: a credential stops the hook before ESLint or secretlint could report it again.
    expect(read(dir, '.husky/pre-commit')).toBe('npm test\nnode_modules/.bin/credlint scan --staged\nnode_modules/.bin/lint-staged\n');
    expect(read(dir, '.gitignore')).toMatch(/^dist\n\.env\n\n# .*\n\.env\.\*\n\*\.env\n!\.env\.example\n/);
    expect(r.stdout).toContain('`yarn install`');
    // The note names the real ESLint config file, in its module format.
    expect(r.stdout).toContain('init does not edit eslint.config.mjs');
    expect(r.stdout).toContain("import credlint from '@credlint/eslint-plugin'");
  });

  it('prints the CommonJS ESLint snippet for eslint.config.js in a CommonJS package', async () => {
    const dir = repo({ 'package.json': '{"name":"app","type":"commonjs","devDependencies":{"eslint":"^10"}}\n', 'eslint.config.js': 'module.exports = [];\n' });
    const r = await cli(['init', '--no-install'], dir);
    expect(r.stdout).toContain('init does not edit eslint.config.js');
    expect(r.stdout).toContain("const credlint = require('@credlint/eslint-plugin');");
  });

  it('--dry-run prints a diff and writes nothing', async () => {
    const dir = repo({ 'package.json': '{"name":"app"}\n', 'pnpm-lock.yaml': '' });
    const r = await cli(['init', '--dry-run'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+++ b/.husky/pre-commit');
    expect(r.stdout).toContain('+    "prepare": "node .husky/install.mjs"');
    expect(r.stdout).toContain('`pnpm install`');
    expect(read(dir, 'package.json')).toBe('{"name":"app"}\n');
    expect(existsSync(path.join(dir, '.husky'))).toBe(false);
  });

  it('leaves a JS lint-staged config alone and says what to add', async () => {
    const dir = repo({ 'package.json': '{"name":"app","devDependencies":{"eslint":"^10"}}\n', 'lint-staged.config.mjs': 'export default {};\n' });
    const r = await cli(['init', '--no-install'], dir);
    expect(read(dir, 'lint-staged.config.mjs')).toBe('export default {};\n');
    expect(r.stdout).toMatch(/lint-staged\.config\.mjs is not a JSON file.*eslint --max-warnings=0/);
    expect((json(dir, 'package.json') as Record<string, unknown>)['lint-staged']).toBeUndefined();
    expect(read(dir, '.husky/pre-commit')).toContain('node_modules/.bin/lint-staged');
  });

  it('replaces the old bare "prepare": "husky" (it fails production installs)', async () => {
    const dir = repo({ 'package.json': '{"name":"app","scripts":{"prepare":"husky"}}\n' });
    await cli(['init', '--no-install'], dir);
    expect((json(dir, 'package.json') as Pkg).scripts.prepare).toBe('node .husky/install.mjs');
  });

  it('a hook whose lint-staged config already runs credlint scan gets no second credlint line', async () => {
    const dir = repo({ 'package.json': JSON.stringify({ name: 'app', 'lint-staged': { '*': 'credlint scan --staged' } }) + '\n', '.husky/pre-commit': 'lint-staged\n' });
    await cli(['init', '--no-install'], dir);
    expect(read(dir, '.husky/pre-commit')).toBe('lint-staged\n');
  });
});

describe('credlint init: what it reports holds (issue 10 item 32)', () => {
  it('inserts its lines before a final `exit 0`, not after it', async () => {
    const dir = repo({ 'package.json': '{"name":"app"}\n', '.husky/pre-commit': 'npm test\nexit 0\n' });
    await cli(['init', '--no-install'], dir);
    expect(read(dir, '.husky/pre-commit')).toBe('npm test\nnode_modules/.bin/credlint scan --staged\nexit 0\n');
  });

  it('updates a hook whose only mention of credlint or lint-staged is a comment', async () => {
    const hook = '# TODO: run lint-staged and credlint scan --staged here\nnpm test\n';
    const dir = repo({ 'package.json': '{"name":"app","devDependencies":{"eslint":"^10"}}\n', '.husky/pre-commit': hook });
    await cli(['init', '--no-install'], dir);
    expect(read(dir, '.husky/pre-commit')).toBe(`${hook}node_modules/.bin/credlint scan --staged\nnode_modules/.bin/lint-staged\n`);
  });

  it('says "updated package.json" only when package.json changed', async () => {
    const dir = repo({ 'package.json': '{"name":"app"}\n' });
    await cli(['init', '--no-install'], dir);
    writeFileSync(path.join(dir, '.husky/pre-commit'), 'npm test\n');
    const before = read(dir, 'package.json');
    const r = await cli(['init', '--no-install'], dir);
    expect(r.stdout).toContain('updated .husky/pre-commit');
    expect(r.stdout).not.toContain('package.json');
    expect(read(dir, 'package.json')).toBe(before);
  });

  it('keeps CRLF line endings and 4-space indentation in package.json and the hook', async () => {
    const dir = repo({ 'package.json': '{\r\n    "name": "app",\r\n    "scripts": {\r\n        "test": "x"\r\n    }\r\n}\r\n', '.husky/pre-commit': 'npm test\r\n' });
    await cli(['init', '--no-install'], dir);
    const text = read(dir, 'package.json');
    expect(text.split('\n').every((l, i, all) => i === all.length - 1 || l.endsWith('\r'))).toBe(true);
    expect(text).toContain('\r\n    "scripts": {\r\n        "test": "x",\r\n        "prepare"');
    expect(read(dir, '.husky/pre-commit')).toBe('npm test\r\nnode_modules/.bin/credlint scan --staged\r\n');
  });

  it('reads a package.json with a byte-order mark and keeps the mark', async () => {
    const dir = repo({ 'package.json': '\uFEFF{"name":"app"}\n' });
    const r = await cli(['init', '--no-install'], dir);
    expect(r.code, r.stderr).toBe(0);
    const text = read(dir, 'package.json');
    expect(text.startsWith('\uFEFF{')).toBe(true);
    expect(JSON.parse(text.slice(1))).toMatchObject({ name: 'app', scripts: { prepare: 'node .husky/install.mjs' } });
  });

  it('insertHookLines: before `exec`, and at the end otherwise', () => {
    expect(insertHookLines('a\nexec b\n', ['x'])).toBe('a\nx\nexec b\n');
    expect(insertHookLines('[ -n "$CI" ] && exit 0\na', ['x'])).toBe('[ -n "$CI" ] && exit 0\na\nx\n');
  });
});

describe('credlint init refuses bad input and writes nothing (issue 10 item 20)', () => {
  it.each([
    ['outside a git repository', () => tempDir(), /not inside a git repository/],
    ['with an unparseable package.json', () => gitRepo({ 'package.json': '{ nope' }), /not valid JSON/],
    ['with package.json = null', () => gitRepo({ 'package.json': 'null\n' }), /must hold a JSON object, not null/],
    ['with package.json = a string', () => gitRepo({ 'package.json': '"app"\n' }), /must hold a JSON object, not a string/],
    ['with package.json = an array', () => gitRepo({ 'package.json': '[]\n' }), /must hold a JSON object, not an array/],
    ['with a string "scripts"', () => gitRepo({ 'package.json': '{"scripts":"x"}\n' }), /"scripts" must be an object, not a string/],
    ['with a null "lint-staged"', () => gitRepo({ 'package.json': '{"lint-staged":null}\n' }), /"lint-staged" must be an object, not null/],
    ['with an array "devDependencies"', () => gitRepo({ 'package.json': '{"devDependencies":[]}\n' }), /"devDependencies" must be an object/],
    ['with a numeric scripts.prepare', () => gitRepo({ 'package.json': '{"scripts":{"prepare":1}}\n' }), /scripts\.prepare" must be a string/],
    ['with a file named .husky', () => gitRepo({ 'package.json': '{"name":"app"}\n', '.husky': 'x' }), /\.husky exists but is not a directory/],
    ['with a directory named .husky/pre-commit', () => gitRepo({ 'package.json': '{"name":"app"}\n', '.husky/pre-commit/x': '' }), /pre-commit is a directory/],
    ['with --hook=husky and no package.json', () => gitRepo({}), /no package\.json/, ['--hook=husky']],
    ['with an unknown --hook', () => gitRepo({ 'package.json': '{}' }), /--hook must be one of/, ['--hook=lefthook']],
  ])('refuses %s (exit 2, nothing written)', async (_name, make, message, extra: string[] = []) => {
    const dir = make();
    dirs.push(dir);
    const snapshot = () => spawnSync('sh', ['-c', 'find . -path ./.git -prune -o -print | sort | xargs -r cksum 2>/dev/null; git config --get core.hooksPath'], { cwd: dir, encoding: 'utf8' }).stdout;
    const before = snapshot();
    const r = await cli(['init', '--no-install', ...extra], dir, noPreCommit);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(snapshot()).toBe(before);
  });
});

describe('package manager detection', () => {
  it.each<[Record<string, string>, string]>([
    [{ 'pnpm-lock.yaml': '' }, 'pnpm'],
    [{ 'yarn.lock': '' }, 'yarn'],
    [{ 'bun.lock': '' }, 'bun'],
    [{ 'bun.lockb': '' }, 'bun'],
    [{ 'package-lock.json': '' }, 'npm'],
    [{}, 'npm'],
  ])('%o → %s', (files, expected) => {
    const dir = tempDir();
    dirs.push(dir);
    writeTree(dir, files);
    expect(detectPackageManager(dir, {})).toBe(expected);
  });

  it.each<[string, Record<string, string>, Record<string, unknown>, { yarnBerry: boolean; pnp: boolean }]>([
    ['Yarn 1 lockfile', { 'yarn.lock': '# yarn lockfile v1\n' }, {}, { yarnBerry: false, pnp: false }],
    ['Yarn 1 declared', {}, { packageManager: 'yarn@1.22.22' }, { yarnBerry: false, pnp: false }],
    ['Yarn 4 declared (PnP by default)', {}, { packageManager: 'yarn@4.18.1' }, { yarnBerry: true, pnp: true }],
    ['Yarn 4 berry lockfile', { 'yarn.lock': '__metadata:\n  version: 8\n' }, {}, { yarnBerry: true, pnp: true }],
    ['Yarn 4 nodeLinker: node-modules', { '.yarnrc.yml': 'nodeLinker: node-modules\n', 'yarn.lock': '' }, {}, { yarnBerry: true, pnp: false }],
    ['Yarn 4 nodeLinker: pnp', { '.yarnrc.yml': 'nodeLinker: "pnp"\n', 'yarn.lock': '' }, {}, { yarnBerry: true, pnp: true }],
  ])('%s', (_name, files, pkg, expected) => {
    const dir = tempDir();
    dirs.push(dir);
    writeTree(dir, files);
    expect(detectPm(dir, { packageManager: 'yarn@1', ...pkg }, process.env)).toMatchObject({ pm: 'yarn', ...expected });
  });

  it('mergeLintStaged does not add a task that is already there under another glob', () => {
    const config = { '*.{js,ts}': ['eslint --fix'] };
    expect(mergeLintStaged(config, [['*.ts', 'eslint --max-warnings=0']])).toEqual([]);
  });
});

describe('credlint init for Yarn 4', () => {
  it("Plug'n'Play: postinstall activation (prepare never runs), pinst for a published package, binaries through yarn", async () => {
    const dir = repo({ 'package.json': '{"name":"lib","packageManager":"yarn@4.18.1","devDependencies":{"eslint":"^10"}}\n', '.husky/pre-commit': 'lint-staged\n' });
    const r = await cli(['init', '--no-install'], dir);
    expect(r.code, r.stderr).toBe(0);
    const pkg = json(dir, 'package.json') as Pkg;
    expect(pkg.scripts).toEqual({ postinstall: 'node .husky/install.mjs', prepack: 'pinst --disable', postpack: 'pinst --enable' });
    expect(pkg.devDependencies.pinst).toBe('^3.0.0');
    // The bare lint-staged an older init wrote is not on PATH under PnP.
    expect(read(dir, '.husky/pre-commit')).toBe('yarn lint-staged\nyarn credlint scan --staged\n');
    expect(r.stdout).toContain('One step left: `yarn install` (installs the dev dependencies; its postinstall activates the hook)');
  });

  it('nodeLinker: node-modules uses the linked binaries; a private package needs no pinst', async () => {
    const dir = repo({ 'package.json': '{"name":"app","private":true}\n', '.yarnrc.yml': 'nodeLinker: node-modules\n', 'yarn.lock': '__metadata:\n  version: 8\n' });
    await cli(['init', '--no-install'], dir);
    const pkg = json(dir, 'package.json') as Pkg;
    expect(pkg.scripts).toEqual({ postinstall: 'node .husky/install.mjs' });
    expect(pkg.devDependencies.pinst).toBeUndefined();
    expect(read(dir, '.husky/pre-commit')).toContain('\nnode_modules/.bin/credlint scan --staged\n');
  });
});

/** The pre-commit framework itself (Debian's `pre-commit` package) accepts the config init wrote. */
function expectValidPreCommitConfig(dir: string): void {
  const r = spawnSync('pre-commit', ['validate-config', '.pre-commit-config.yaml'], { cwd: dir, encoding: 'utf8' });
  if (r.error) throw new Error(`pre-commit is needed for this test (apt-get install pre-commit): ${r.error.message}`);
  expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
}

describe('credlint init without package.json', () => {
  const KEY = fakeAccessKeyId({ seed: 5 });

  it('defaults to a plain git hook that refuses a leaky commit and passes a clean one', async () => {
    const dir = repo({ 'app.py': 'print(1)\n' });
    const r = await cli(['init', '--no-install'], dir, noPreCommit);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('--hook=pre-commit-framework');
    const hook = read(dir, '.git/hooks/pre-commit');
    expect(hook).toContain(`npx --yes credlint@${VERSION} scan --staged`);
    expect(statSync(path.join(dir, '.git/hooks/pre-commit')).mode & 0o111).not.toBe(0);
    expect(existsSync(path.join(dir, 'package.json'))).toBe(false);
    // A `credlint` on PATH (as a global install would give) is what the hook runs.
    const binDir = path.join(dir, '.git', 'test-bin');
    mkdirSync(binDir);
    writeFileSync(path.join(binDir, 'credlint'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(path.join(binDir, 'credlint'), 0o755);
    const env = { ...process.env, PATH: `${binDir}:${process.env.PATH}` };
    writeFileSync(path.join(dir, 'settings.py'), `AWS_ACCESS_KEY_ID = "${KEY}"\n`);
    git(dir, 'add', 'settings.py');
    const refused = spawnSync('git', ['commit', '-m', 'leak'], { cwd: dir, env, encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
    expect(`${refused.stdout}${refused.stderr}`).toContain(`${KEY.slice(0, 4)}…${KEY.slice(-4)}`);
    expect(`${refused.stdout}${refused.stderr}`).not.toContain(KEY);
    writeFileSync(path.join(dir, 'settings.py'), 'import os\nAWS_ACCESS_KEY_ID = os.environ["AWS_ACCESS_KEY_ID"]\n');
    git(dir, 'add', 'settings.py', '.gitignore');
    const passed = spawnSync('git', ['commit', '-m', 'clean'], { cwd: dir, env, encoding: 'utf8' });
    expect(passed.status, passed.stderr).toBe(0);
  });

  it('adds its line before `exit 0` in an existing git hook', async () => {
    const dir = repo({});
    writeFileSync(path.join(dir, '.git/hooks/pre-commit'), '#!/bin/sh\nmake lint\nexit 0\n', { mode: 0o755 });
    await cli(['init', '--hook=git'], dir, noPreCommit);
    expect(read(dir, '.git/hooks/pre-commit')).toMatch(/^#!\/bin\/sh\nmake lint\nif command -v credlint .* \|\| exit \$\?\nexit 0\n$/);
  });

  it('chooses the pre-commit framework by default when it is installed', async () => {
    const dir = repo({});
    const bin = path.join(dir, '.git', 'test-bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'pre-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const r = await cli(['init', '--no-install'], dir, { PATH: `${bin}:${shOnly}` });
    expect(r.stdout).toContain('wiring the pre-commit framework');
    expect(existsSync(path.join(dir, '.pre-commit-config.yaml'))).toBe(true);
    expect(existsSync(path.join(dir, '.git/hooks/pre-commit'))).toBe(false);
  });

  it('--hook=pre-commit-framework writes the credlint hook repo, pinned to this version', async () => {
    const dir = repo({});
    const r = await cli(['init', '--hook=pre-commit-framework', '--no-install'], dir, noPreCommit);
    expect(r.code, r.stderr).toBe(0);
    expect(read(dir, '.pre-commit-config.yaml')).toBe(`repos:\n  - repo: https://github.com/credlint/credlint\n    rev: v${VERSION}\n    hooks:\n      - id: credlint-scan\n`);
    expect(r.stdout).toContain('`pre-commit install`');
    expectValidPreCommitConfig(dir);
  });

  it('an existing .pre-commit-config.yaml is extended (and chosen by default); a layout it cannot extend is refused', async () => {
    const cfg = 'repos:\n-   repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v5.0.0\n    hooks:\n    -   id: trailing-whitespace\n';
    const dir = repo({ '.pre-commit-config.yaml': cfg });
    const r = await cli(['init', '--no-install'], dir, noPreCommit);
    expect(r.code, r.stderr).toBe(0);
    expect(read(dir, '.pre-commit-config.yaml')).toBe(`${cfg}- repo: https://github.com/credlint/credlint\n  rev: v${VERSION}\n  hooks:\n    - id: credlint-scan\n`);
    expectValidPreCommitConfig(dir);
    const odd = repo({ '.pre-commit-config.yaml': 'repos: []\n' });
    const refused = await cli(['init', '--no-install'], odd, noPreCommit);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('id: credlint-scan');
    expect(read(odd, '.pre-commit-config.yaml')).toBe('repos: []\n');
  });
});

describe('credlint init runs the install only for a person at a terminal', () => {
  // `script` gives the CLI a real pseudo-terminal as stdin; npm is real and offline, so its install fails
  // fast and deterministically (nothing cached), which is enough to see whether init started it.
  const atTerminal = (dir: string, args: string, env: Record<string, string>) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, npm_config_offline: 'true', npm_config_cache: path.join(dir, '.git', 'npm-cache'), ...env };
    delete childEnv.CI;
    if (env.CI) childEnv.CI = env.CI;
    const r = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" init ${args}`, '/dev/null'], { cwd: dir, env: childEnv, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: r.stdout };
  };

  it('at a terminal it runs the plain install and reports its failure (exit 1, files kept)', () => {
    const dir = repo({ 'package.json': '{"name":"app"}\n' });
    const r = atTerminal(dir, '', {});
    expect(r.out).toContain('Running `npm install`');
    expect(r.out).toMatch(/`npm install` failed \(exit \d+\); the files are wired/);
    expect(r.code).toBe(1);
    expect(read(dir, '.husky/pre-commit')).toContain('credlint scan --staged');
  });

  it.each([
    ['--no-install', '--no-install', {}],
    ['CI', '', { CI: 'true' }],
  ])('with %s it prints the install instead', (_name, args, env: Record<string, string>) => {
    const dir = repo({ 'package.json': '{"name":"app"}\n' });
    const r = atTerminal(dir, args, env);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('Running `npm install`');
    expect(r.out).toContain('One step left: `npm install`');
  });
});

describe('credlint init as an unprivileged user', () => {
  it('refuses before writing anything when one target is not writable (run as nobody)', () => {
    const dir = repo({ 'package.json': '{"name":"app"}\n', '.husky/other': '' });
    // Readable by nobody; the root and package.json writable, .husky (root-owned 755) not.
    chmodSync(path.dirname(dir), 0o755);
    chmodSync(dir, 0o777);
    chmodSync(path.join(dir, 'package.json'), 0o666);
    chmodSync(path.join(dir, '.husky'), 0o755);
    const env = { ...process.env, HOME: '/tmp', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' };
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'init', '--no-install'], { cwd: dir, env, encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/cannot write \.husky\/pre-commit \(EACCES on \.husky\); nothing was written/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(read(dir, 'package.json')).toBe('{"name":"app"}\n');
    expect(existsSync(path.join(dir, '.gitignore'))).toBe(false);
  });
});

describe('credlint init writes like the other writers', () => {
  it('keeps a symlinked package.json a symlink, and the mode and owner of the files it updates', async () => {
    const dir = repo({ 'package.json': '{"name":"app"}\n', '.gitignore': 'dist\n' });
    mkdirSync(path.join(dir, 'shared'));
    renameSync(path.join(dir, 'package.json'), path.join(dir, 'shared', 'package.json'));
    symlinkSync('shared/package.json', path.join(dir, 'package.json'));
    chmodSync(path.join(dir, 'shared', 'package.json'), 0o640);
    chownSync(path.join(dir, '.gitignore'), 65534, 65534);
    const r = await cli(['init', '--no-install'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(path.join(dir, 'package.json')).isSymbolicLink()).toBe(true);
    expect(read(dir, 'shared/package.json')).toContain('"prepare": "node .husky/install.mjs"');
    expect(statSync(path.join(dir, 'shared', 'package.json')).mode & 0o777).toBe(0o640);
    const gi = statSync(path.join(dir, '.gitignore'));
    expect(read(dir, '.gitignore')).toContain('*.env');
    expect([gi.uid, gi.gid]).toEqual([65534, 65534]);
  });
});

describe('.husky/install.mjs (the activation init wires into prepare/postinstall)', () => {
  const activate = (dir: string, env: Record<string, string>) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const k of ['CI', 'HUSKY', 'NODE_ENV']) if (!(k in env)) delete childEnv[k];
    return spawnSync(process.execPath, ['.husky/install.mjs'], { cwd: dir, env: childEnv, encoding: 'utf8' });
  };

  it('activates husky when it is installed', async () => {
    const dir = repo({ 'package.json': '{"name":"app"}\n' });
    await cli(['init', '--no-install'], dir);
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(path.join(REPO_ROOT, 'node_modules', 'husky'), path.join(dir, 'node_modules', 'husky'));
    const r = activate(dir, {});
    expect(r.status, r.stderr).toBe(0);
    expect(git(dir, 'config', 'core.hooksPath').trim()).toBe('.husky/_');
  });

  it.each([
    ['a production install (NODE_ENV=production)', { NODE_ENV: 'production' }, ''],
    ['HUSKY=0', { HUSKY: '0' }, ''],
    ['CI', { CI: 'true' }, ''],
    ['husky not installed', {}, 'husky could not be loaded'],
  ])('exits 0 without husky: %s', async (_name, env: Record<string, string>, warning) => {
    const dir = repo({ 'package.json': '{"name":"app"}\n' });
    await cli(['init', '--no-install'], dir);
    const r = activate(dir, env);
    expect(r.status, r.stderr).toBe(0);
    if (warning) expect(r.stderr).toContain(warning);
    else expect(r.stderr).toBe('');
    expect(spawnSync('git', ['config', 'core.hooksPath'], { cwd: dir }).status).not.toBe(0);
  });
});
