/**
 * `credlint init` end to end, per package manager (npm, pnpm, Yarn 1, Yarn 4 with Plug'n'Play and with node_modules):
 * init --no-install → the plain install → real `git commit`s through the hook it wrote.
 * Our packages come from `pnpm pack` tarballs (they stand in for the registry: init's ranges are
 * pointed at them), everything else from the npm registry. One npm cache is shared by all cases,
 * Yarn 1 and Yarn 4 are installed once into node_modules/.cache.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@credlint/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, CLI_DIR, REPO_ROOT, git, gitRepo, removeDir, tempDir } from './helpers.js';

const KEY = fakeAccessKeyId({ seed: 113 });
const SECRET = fakeSecretAccessKey(113);
const MASKED_KEY = `${KEY.slice(0, 4)}…${KEY.slice(-4)}`;
const PACKAGES = ['core', 'dotenv', 'secretlint-rule-preset', 'eslint-plugin', 'cli'];
const CACHE = path.join(CLI_DIR, 'node_modules', '.cache', 'credlint-init-e2e');

// The user's shell: no HUSKY=0 or CI (CI would skip activation and make Yarn's installs immutable),
// no NODE_ENV from vitest, no npm_* from a parent pnpm.
const baseEnv: NodeJS.ProcessEnv = {};
for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|PNPM_|YARN_|HUSKY$|CI$|NODE_ENV$|NODE_OPTIONS$|VITEST)/i.test(k)) baseEnv[k] = v;
Object.assign(baseEnv, {
  npm_config_cache: path.join(CACHE, 'npm-cache'),
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  YARN_CACHE_FOLDER: path.join(CACHE, 'yarn1-cache'),
  YARN_ENABLE_TELEMETRY: '0',
  YARN_ENABLE_GLOBAL_CACHE: 'true',
});

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = baseEnv) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 400_000 });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}` };
}

/** A registry tool installed once into the cache: its bin directory. */
function tool(name: string, spec: string): string {
  const dir = path.join(CACHE, name);
  const bin = path.join(dir, 'node_modules', '.bin');
  const stamp = path.join(dir, '.spec');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === spec && existsSync(path.join(bin, 'yarn'))) return bin;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  const r = run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', spec], dir);
  if (r.code !== 0) throw new Error(`npm install ${spec} failed:\n${r.out}`);
  writeFileSync(stamp, spec);
  return bin;
}

let packDir: string;
const tarball: Record<string, string> = {};

beforeAll(() => {
  packDir = tempDir('credlint-init-pack-');
  for (const p of PACKAGES) {
    const r = run('pnpm', ['pack', '--pack-destination', packDir], path.join(REPO_ROOT, 'packages', p));
    if (r.code !== 0) throw new Error(`pnpm pack ${p} failed:\n${r.out}`);
  }
  for (const f of readdirSync(packDir)) {
    const name = f === `credlint-${/^credlint-(\d[\w.-]*)\.tgz$/.exec(f)?.[1]}.tgz` ? 'credlint' : `@credlint/${f.replace(/^credlint-/, '').replace(/-\d[\w.-]*\.tgz$/, '')}`;
    tarball[name] = path.join(packDir, f);
  }
  if (Object.keys(tarball).length !== PACKAGES.length) throw new Error(`unexpected tarballs: ${JSON.stringify(tarball)}`);
}, 300_000);

afterAll(() => removeDir(packDir));

interface Case {
  name: string;
  pm: 'npm' | 'pnpm' | 'yarn';
  /** Extra package.json fields (packageManager tells init which Yarn). */
  pkg: (bin: string | undefined) => Record<string, unknown>;
  /** npm spec of the package manager to install into the cache (Yarn), else the one on PATH. */
  install?: string;
  hookLine: string;
  files?: Record<string, string>;
}

const CASES: Case[] = [
  { name: 'npm', pm: 'npm', pkg: () => ({}), hookLine: 'node_modules/.bin/credlint scan --staged' },
  { name: 'pnpm', pm: 'pnpm', pkg: () => ({ packageManager: `pnpm@${run('pnpm', ['--version'], REPO_ROOT).out.trim()}` }), hookLine: 'node_modules/.bin/credlint scan --staged' },
  { name: 'Yarn 1', pm: 'yarn', install: 'yarn@1', pkg: (bin) => ({ packageManager: `yarn@${version(bin)}` }), hookLine: 'node_modules/.bin/credlint scan --staged' },
  { name: "Yarn 4 (Plug'n'Play)", pm: 'yarn', install: '@yarnpkg/cli-dist@4', pkg: (bin) => ({ packageManager: `yarn@${version(bin)}` }), hookLine: 'yarn credlint scan --staged' },
  {
    name: 'Yarn 4 (nodeLinker: node-modules)',
    pm: 'yarn',
    install: '@yarnpkg/cli-dist@4',
    pkg: (bin) => ({ packageManager: `yarn@${version(bin)}` }),
    hookLine: 'node_modules/.bin/credlint scan --staged',
    files: { '.yarnrc.yml': 'nodeLinker: node-modules\n' },
  },
];

const version = (bin: string | undefined) => run(path.join(bin as string, 'yarn'), ['--version'], tempDirOnce()).out.trim();
let scratch: string | undefined;
const tempDirOnce = () => (scratch ??= tempDir('credlint-init-scratch-'));
afterAll(() => scratch && removeDir(scratch));

/** Points init's ranges for our packages at the tarballs, transitive ones included. */
function useTarballs(dir: string, pm: Case['pm']): void {
  const file = path.join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  const spec = (name: string) => `file:${tarball[name]}`;
  for (const name of Object.keys(pkg.devDependencies ?? {})) if (tarball[name]) (pkg.devDependencies as Record<string, string>)[name] = spec(name);
  const transitive = Object.fromEntries(['@credlint/core', '@credlint/dotenv'].map((n) => [n, spec(n)]));
  if (pm === 'npm') pkg.overrides = transitive;
  else if (pm === 'pnpm') pkg.pnpm = { overrides: transitive } as unknown as Record<string, string>;
  else pkg.resolutions = transitive;
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

describe.each(CASES)('init e2e: $name', (c) => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const commit = (msg: string) => run('git', ['commit', '-m', msg], dir, env);

  beforeAll(() => {
    const bin = c.install ? tool(c.install.replace(/[@/]/g, '_'), c.install) : undefined;
    env = { ...baseEnv, PATH: bin ? `${bin}${path.delimiter}${baseEnv.PATH}` : baseEnv.PATH };
    dir = gitRepo({
      'package.json': `${JSON.stringify({ name: 'init-e2e', version: '1.0.0', private: true, ...c.pkg(bin) }, null, 2)}\n`,
      'README.md': '# app\n',
      '.gitignore': 'node_modules/\n.yarn/\n.pnp.*\n',
      ...c.files,
    });
    const init = run(process.execPath, [BIN, 'init', '--no-install'], dir, env);
    if (init.code !== 0) throw new Error(`credlint init failed:\n${init.out}`);
    expect(init.out).toContain(`One step left: \`${c.pm} install\``);
    useTarballs(dir, c.pm);
    const install = run(c.pm, ['install'], dir, env);
    if (install.code !== 0) throw new Error(`${c.pm} install failed:\n${install.out}`);
    git(dir, 'add', '.');
    const first = commit('wire credlint');
    if (first.code !== 0) throw new Error(`first commit failed:\n${first.out}`);
  }, 600_000);

  afterAll(() => removeDir(dir));

  it('the plain install activated the hook, which runs credlint through the layout this manager has', () => {
    expect(git(dir, 'config', 'core.hooksPath').trim()).toBe('.husky/_');
    expect(readFileSync(path.join(dir, '.husky/pre-commit'), 'utf8')).toContain(c.hookLine);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    // Yarn 2+ never runs `prepare`, whatever its linker.
    expect(pkg.scripts[c.name.startsWith('Yarn 4') ? 'postinstall' : 'prepare']).toBe('node .husky/install.mjs');
  });

  it('refuses a leaky commit with a masked message', () => {
    writeFileSync(path.join(dir, 'config.ts'), `export const accessKeyId = '${KEY}';\nexport const secretAccessKey = '${SECRET}';\n`);
    git(dir, 'add', 'config.ts');
    const r = commit('add config');
    expect(r.code, r.out).not.toBe(0);
    expect(r.out).toContain(MASKED_KEY);
    expect(r.out).not.toContain(KEY);
    expect(r.out).not.toContain(SECRET);
    expect(git(dir, 'log', '--format=%s', '-1').trim()).toBe('wire credlint');
  });

  it('lets a clean commit through', () => {
    writeFileSync(path.join(dir, 'config.ts'), "export const region = process.env.AWS_REGION ?? 'eu-west-1';\n");
    git(dir, 'add', 'config.ts');
    const r = commit('clean config');
    expect(r.code, r.out).toBe(0);
    expect(git(dir, 'log', '--format=%s', '-1').trim()).toBe('clean config');
  });

  it('judges partial staging by what is staged', () => {
    // A key staged, then deleted from the work tree: the commit would carry it, so it is refused.
    writeFileSync(path.join(dir, 'staged-only.ts'), `const id = '${KEY}';\n`);
    git(dir, 'add', 'staged-only.ts');
    writeFileSync(path.join(dir, 'staged-only.ts'), 'const id = process.env.ID;\n');
    const refused = commit('staged key');
    expect(refused.code, refused.out).not.toBe(0);
    expect(refused.out).toContain(MASKED_KEY);
    expect(refused.out).not.toContain(KEY);
    git(dir, 'add', 'staged-only.ts');
    // A key only in the work tree: not in the commit, so the commit passes and the edit stays.
    const withKey = `const id = process.env.ID;\nconst local = '${KEY}';\n`;
    writeFileSync(path.join(dir, 'staged-only.ts'), withKey);
    const passed = commit('clean staged version');
    expect(passed.code, passed.out).toBe(0);
    expect(git(dir, 'show', 'HEAD:staged-only.ts')).not.toContain(KEY);
    expect(readFileSync(path.join(dir, 'staged-only.ts'), 'utf8')).toBe(withKey);
    writeFileSync(path.join(dir, 'staged-only.ts'), 'const id = process.env.ID;\n');
  });

  it.runIf(c.pm === 'npm')('production installs do not fail: npm ci --omit=dev, with and without HUSKY=0', () => {
    for (const extra of [{ HUSKY: '0' }, {}]) {
      const r = run('npm', ['ci', '--omit=dev'], dir, { ...env, ...extra });
      expect(r.code, r.out).toBe(0);
      expect(r.out).not.toMatch(/husky: not found/);
    }
  });
});
