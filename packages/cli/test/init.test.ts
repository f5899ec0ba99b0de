import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectPackageManager, installCommand, mergeLintStaged } from '../dist/commands/init.js';
import { cli, gitRepo, removeDir, tempDir, writeTree } from './helpers.js';

const dirs: string[] = [];
const repo = (files: Record<string, string>) => {
  const d = gitRepo(files);
  dirs.push(d);
  return d;
};
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop() as string);
});
// On Node < 22 init pins the last majors of lint-staged and secretlint that still run there.
const OLD_NODE = Number(process.versions.node.split('.')[0]) < 22;
const LS = OLD_NODE ? 'lint-staged@^16' : 'lint-staged';
const SL = OLD_NODE ? 'secretlint@^11' : 'secretlint';
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');
const json = (dir: string, f: string) => JSON.parse(read(dir, f)) as Record<string, unknown>;

describe('credlint init', () => {
  it('wires a fresh repository and prints the one manual step', async () => {
    const dir = repo({ 'package.json': '{\n  "name": "app",\n  "scripts": { "test": "node --test" }\n}\n', 'package-lock.json': '{}' });
    const r = await cli(['init'], dir);
    expect(r.code).toBe(0);
    const pkg = json(dir, 'package.json') as { scripts: Record<string, string>; 'lint-staged': Record<string, string> };
    expect(pkg.scripts).toEqual({ test: 'node --test', prepare: 'husky' });
    expect(pkg['lint-staged']).toEqual({ '*': 'secretlint --no-glob', '**/{.env,.env.*,*.env}': 'credlint dotenv' });
    expect(read(dir, '.husky/pre-commit')).toBe('lint-staged\n');
    expect(statSync(path.join(dir, '.husky/pre-commit')).mode & 0o111).not.toBe(0);
    expect(json(dir, '.secretlintrc.json')).toEqual({ rules: [{ id: '@credlint/secretlint-rule-preset' }] });
    expect(read(dir, '.gitignore')).toContain('.env\n.env.*\n!.env.example\n');
    expect(r.stdout).toContain(`npm install --save-dev husky ${LS} ${SL} @credlint/secretlint-rule-preset credlint`);
    expect(r.stdout).toContain('git commit --no-verify');
  });

  it('is idempotent: a second run changes nothing', async () => {
    const dir = repo({ 'package.json': '{"name":"app"}\n' });
    await cli(['init'], dir);
    const before = ['package.json', '.husky/pre-commit', '.secretlintrc.json', '.gitignore'].map((f) => read(dir, f));
    const r = await cli(['init'], dir);
    expect(r.stdout).toContain('nothing to change');
    expect(['package.json', '.husky/pre-commit', '.secretlintrc.json', '.gitignore'].map((f) => read(dir, f))).toEqual(before);
  });

  it('merges into existing files instead of overwriting them', async () => {
    const dir = repo({
      'package.json': JSON.stringify({ name: 'app', scripts: { prepare: 'node setup.js' }, 'lint-staged': { '*.ts': 'prettier --write', '*': 'echo hi' }, devDependencies: { eslint: '^10', husky: '^9' } }, null, '\t') + '\n',
      '.secretlintrc.json': '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}',
      '.gitignore': 'dist\n.env\n',
      '.husky/pre-commit': 'npm test\n',
      'eslint.config.js': 'export default [];\n',
      'yarn.lock': '',
    });
    const r = await cli(['init'], dir);
    expect(r.code).toBe(0);
    const text = read(dir, 'package.json');
    expect(text).toMatch(/^\t"name"/m); // keeps tab indentation
    const pkg = JSON.parse(text) as { scripts: Record<string, string>; 'lint-staged': Record<string, unknown> };
    expect(pkg.scripts.prepare).toBe('node setup.js && husky');
    expect(pkg['lint-staged']).toEqual({
      '*.ts': 'prettier --write',
      '*': ['echo hi', 'secretlint --no-glob'],
      '**/{.env,.env.*,*.env}': 'credlint dotenv',
      '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'eslint --max-warnings=0 --no-warn-ignored',
    });
    expect(json(dir, '.secretlintrc.json')).toEqual({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }, { id: '@credlint/secretlint-rule-preset' }] });
    expect(read(dir, '.husky/pre-commit')).toBe('npm test\nlint-staged\n');
    // `.env` was already ignored: only the `.env.*` family is added.
    expect(read(dir, '.gitignore')).toMatch(/^dist\n\.env\n\n# .*\n\.env\.\*\n!\.env\.example\n/);
    expect(r.stdout).toContain(`yarn add -D ${LS} ${SL} @credlint/secretlint-rule-preset credlint @credlint/eslint-plugin`);
    expect(r.stdout).toContain("import credlint from '@credlint/eslint-plugin'");
  });

  it('--dry-run prints a diff and writes nothing', async () => {
    const dir = repo({ 'package.json': '{"name":"app"}\n', 'pnpm-lock.yaml': '' });
    const r = await cli(['init', '--dry-run'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+++ b/.husky/pre-commit');
    expect(r.stdout).toContain('+    "prepare": "husky"');
    expect(r.stdout).toContain('pnpm add -D husky');
    expect(read(dir, 'package.json')).toBe('{"name":"app"}\n');
    expect(() => statSync(path.join(dir, '.husky'))).toThrow();
  });

  it('leaves a JS lint-staged config alone and says what to add', async () => {
    const dir = repo({ 'package.json': '{"name":"app"}\n', 'lint-staged.config.mjs': 'export default {};\n' });
    const r = await cli(['init'], dir);
    expect(read(dir, 'lint-staged.config.mjs')).toBe('export default {};\n');
    expect(r.stdout).toMatch(/lint-staged\.config\.mjs is not a JSON file.*secretlint --no-glob/);
    expect((json(dir, 'package.json') as Record<string, unknown>)['lint-staged']).toBeUndefined();
  });

  it.each([
    ['outside a git repository', () => tempDir(), /not inside a git repository/],
    ['without package.json', () => gitRepo({}), /no package\.json/],
    ['with an unparseable package.json', () => gitRepo({ 'package.json': '{ nope' }), /not valid JSON/],
  ])('refuses %s (exit 2, nothing written)', async (_name, make, message) => {
    const dir = make();
    dirs.push(dir);
    const r = await cli(['init'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(() => statSync(path.join(dir, '.husky'))).toThrow();
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

  it('falls back to the packageManager field', () => {
    const dir = tempDir();
    dirs.push(dir);
    expect(detectPackageManager(dir, { packageManager: 'pnpm@10.34.9' })).toBe('pnpm');
  });

  it.each([
    ['npm', false, 'npm install --save-dev a b && npx husky'],
    ['pnpm', false, 'pnpm add -D a b && pnpm exec husky'],
    ['pnpm', true, 'pnpm add -D -w a b && pnpm exec husky'],
    ['yarn', false, 'yarn add -D a b && yarn husky'],
    ['bun', false, 'bun add -d a b && bunx husky'],
  ] as const)('%s (workspace root: %s) → %s', (pm, ws, expected) => {
    expect(installCommand(pm, ['a', 'b'], ws)).toBe(expected);
  });

  it('mergeLintStaged does not add a task that is already there under another glob', () => {
    const config = { '*.{js,ts}': ['secretlint'], '.env': 'credlint dotenv --dialect docker' };
    expect(mergeLintStaged(config, false)).toEqual([]);
  });
});
