// Builds the `credlint` CLI into hook/ so that this repository, installed as a pre-commit
// framework hook repository (`language: node`), provides a working `credlint` bin. Run by
// scripts/postinstall.mjs when npm installs the repository.
//
// pre-commit runs, in its clone of this repository: `npm install --include=dev` (root
// devDependencies only: npm cannot read the packages' `workspace:` ranges; this runs then),
// `npm pack` (the root `files`: hook/), and `npm install -g <tarball>`. dist/ is not committed, so:
//   1. build core, dotenv and cli with tsc (`--noCheck`: without pnpm's links the packages'
//      types do not resolve, and the hook only needs the emitted JavaScript);
//   2. install their third-party runtime dependencies into hook/node_modules with npm;
//   3. copy the three packages there as they would be published (`workspace:` ranges resolved).
// The installed tree then resolves `@credlint/core` and the third-party packages as a registry
// install of `credlint` would.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const hook = path.join(root, 'hook');
/** The packages the CLI needs at run time, in dependency order. */
const PACKAGES = ['core', 'dotenv', 'cli'];

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const manifests = Object.fromEntries(PACKAGES.map((dir) => [dir, readJson(path.join(root, 'packages', dir, 'package.json'))]));
const versions = Object.fromEntries(Object.values(manifests).map((m) => [m.name, m.version]));

function fail(message) {
  console.error(`build-hook-package: ${message}`);
  process.exit(1);
}

function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) fail(`\`${[command, ...args].join(' ')}\` failed (${r.error?.message ?? `exit ${r.status}`})`);
}

/** A workspace range as pnpm publishes it: `workspace:^` → `^<version>`. */
function published(name, range) {
  if (!range.startsWith('workspace:')) return range;
  const version = versions[name];
  if (!version) fail(`${name} is a workspace dependency outside ${PACKAGES.join(', ')}`);
  const spec = range.slice('workspace:'.length);
  return spec === '*' ? version : spec === '^' || spec === '~' ? `${spec}${version}` : spec;
}

// 1. Build. tsc comes from the root devDependencies that `npm install` (or pnpm) put there.
const tsc = createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
run(process.execPath, [tsc, '-b', 'packages/cli', '--noCheck'], root);

// 2. Third-party runtime dependencies, installed by npm (npm_execpath is the npm running this script).
rmSync(hook, { recursive: true, force: true });
mkdirSync(hook, { recursive: true });
const thirdParty = {};
for (const m of Object.values(manifests)) {
  for (const [name, range] of Object.entries(m.dependencies ?? {})) if (!(name in versions)) thirdParty[name] = range;
}
writeFileSync(path.join(hook, 'package.json'), JSON.stringify({ name: 'credlint-hook-deps', private: true, dependencies: thirdParty }, null, 2) + '\n');
const npmArgs = ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'];
const npmCli = process.env.npm_execpath;
if (npmCli && /npm-cli\.[cm]?js$/.test(npmCli)) run(process.execPath, [npmCli, ...npmArgs], hook);
else run('npm', npmArgs, hook);

// 3. The packages themselves, as published: package.json with resolved ranges, dist and bin.
for (const dir of PACKAGES) {
  const m = manifests[dir];
  const source = path.join(root, 'packages', dir);
  const target = path.join(hook, 'node_modules', ...m.name.split('/'));
  if (!existsSync(path.join(source, 'dist'))) fail(`packages/${dir}/dist was not built`);
  const manifest = { ...m, dependencies: Object.fromEntries(Object.entries(m.dependencies ?? {}).map(([n, r]) => [n, published(n, r)])) };
  delete manifest.devDependencies;
  delete manifest.scripts;
  mkdirSync(target, { recursive: true });
  writeFileSync(path.join(target, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  cpSync(path.join(source, 'dist'), path.join(target, 'dist'), { recursive: true, filter: (f) => !f.endsWith('.tsbuildinfo') });
  if (existsSync(path.join(source, 'bin'))) cpSync(path.join(source, 'bin'), path.join(target, 'bin'), { recursive: true });
}
// Type declarations and source maps are never loaded at run time; dropping them halves the files
// npm packs and unpacks again (pre-commit's install is dominated by file count).
const unused = /\.(d\.[cm]?ts|map)$/;
for (const entry of readdirSync(path.join(hook, 'node_modules'), { recursive: true, withFileTypes: true })) {
  if (entry.isFile() && unused.test(entry.name)) rmSync(path.join(entry.parentPath, entry.name));
}
console.log(`build-hook-package: hook/node_modules/credlint ${versions.credlint} ready`);
