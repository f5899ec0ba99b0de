// `pnpm run check:packages` (part of `pnpm test`, after the build): packs the five packages once,
// as they would be published, and checks each tarball:
//   - publint (strict, every level) and @arethetypeswrong/cli (profile esm-only: the packages are
//     ESM only, and every supported Node line, ^20.19 || ^22.13 || >=24, loads ESM from require());
//   - LICENSE (MIT, credlint contributors) and README.md inside; repository (with its directory),
//     homepage and bugs in package.json;
//   - README links resolve inside the tarball or are absolute URLs (no `../../docs/…`);
//   - the shipped JavaScript names a docs page only by absolute URL (messages must not point
//     to files the tarball does not have).
// Exits 1 with one line per problem.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO_URL = 'https://github.com/credlint/credlint';
const DOCS_URL = `${REPO_URL}/blob/main/`;
const dirs = readdirSync(path.join(root, 'packages')).filter((d) => existsSync(path.join(root, 'packages', d, 'package.json')));
const problems = [];
const tmp = mkdtempSync(path.join(tmpdir(), 'credlint-check-packages-'));

function run(command, args, options = {}) {
  return spawnSync(command, args, { encoding: 'utf8', shell: process.platform === 'win32', ...options });
}

function files(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')]));
}

try {
  const packed = path.join(tmp, 'tarballs');
  mkdirSync(packed);
  const pack = run('pnpm', ['-r', '--filter', './packages/*', 'pack', '--pack-destination', packed], { cwd: root });
  if (pack.status !== 0) throw new Error(`pnpm pack failed:\n${pack.stdout}${pack.stderr}`);

  for (const dir of dirs) {
    const source = JSON.parse(readFileSync(path.join(root, 'packages', dir, 'package.json'), 'utf8'));
    const tarball = path.join(packed, `${source.name.replace(/^@/, '').replace('/', '-')}-${source.version}.tgz`);
    const where = `packages/${dir} (${path.basename(tarball)})`;
    if (!existsSync(tarball)) {
      problems.push(`${where}: not packed`);
      continue;
    }
    const out = path.join(tmp, 'unpacked', dir);
    mkdirSync(out, { recursive: true });
    const untar = run('tar', ['-xzf', tarball, '-C', out]);
    if (untar.status !== 0) throw new Error(`tar failed on ${tarball}: ${untar.stderr}`);
    const pkgDir = path.join(out, 'package');
    const shipped = new Set(files(pkgDir));
    const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));

    // Metadata and the files every published package carries.
    if (pkg.license !== 'MIT') problems.push(`${where}: license is ${JSON.stringify(pkg.license)}, not MIT`);
    if (!shipped.has('LICENSE')) problems.push(`${where}: no LICENSE in the tarball`);
    else if (!/^MIT License\n\nCopyright \(c\) 2026 credlint contributors\n/.test(readFileSync(path.join(pkgDir, 'LICENSE'), 'utf8'))) problems.push(`${where}: LICENSE is not the MIT licence of credlint contributors`);
    if (!shipped.has('README.md')) problems.push(`${where}: no README.md in the tarball`);
    if (pkg.repository?.url !== `git+${REPO_URL}.git` || pkg.repository?.directory !== `packages/${dir}`) problems.push(`${where}: repository must be { url: "git+${REPO_URL}.git", directory: "packages/${dir}" }`);
    if (!pkg.homepage?.startsWith(REPO_URL)) problems.push(`${where}: homepage missing or outside ${REPO_URL}`);
    if (pkg.bugs?.url !== `${REPO_URL}/issues`) problems.push(`${where}: bugs.url must be ${REPO_URL}/issues`);

    // README links: absolute, an anchor, or a file the tarball has.
    if (shipped.has('README.md')) {
      const readme = readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
      for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target)) continue;
        const file = path.posix.normalize(target.split('#')[0]).replace(/\/$/, '');
        if (!shipped.has(file)) problems.push(`${where}: README links to ${target}, which is not in the tarball (use ${DOCS_URL}…)`);
      }
    }

    // Docs pages named in shipped code (messages, hints): absolute URLs only. Comments are not output.
    for (const file of [...shipped].filter((f) => /\.[cm]?js$/.test(f))) {
      const lines = readFileSync(path.join(pkgDir, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/^\s*(\/\/|\/\*|\*)/.test(line)) return;
        for (const m of line.matchAll(/(?:[\w./:-]*\/)?docs\/[\w./${}-]+\.md/g)) {
          if (!m[0].startsWith(DOCS_URL)) problems.push(`${where}: ${file}:${i + 1} points to ${m[0]}, which is not shipped (use ${DOCS_URL}docs/…)`);
        }
      });
    }

    // publint, strict, suggestions included.
    const buffer = readFileSync(tarball);
    const lint = await publint({ pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) }, level: 'suggestion', strict: true });
    for (const m of lint.messages) problems.push(`${where}: publint ${m.type}: ${formatMessage(m, lint.pkg) ?? m.code}`);

    // Are the types wrong? (resolution of every export under node16-ESM and bundler)
    const attw = run(process.execPath, [path.join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'), tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color'], { cwd: root });
    if (attw.status !== 0) problems.push(`${where}: @arethetypeswrong/cli:\n${attw.stdout}${attw.stderr}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`check:packages: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`check:packages: ${dirs.length} tarballs pass publint, @arethetypeswrong/cli and the metadata checks`);
