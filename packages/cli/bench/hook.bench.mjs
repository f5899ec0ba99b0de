// Commit-hook latency: `git commit` of 10 staged files with no hook, and with each way the hook can
// run credlint, through real husky 9 (core.hooksPath → .husky/_) and this workspace's installs laid
// out as an npm project would have them (node_modules/.bin/credlint, node_modules/husky).
// `credlint init`'s default wiring is the first credlint row; the others are why it was chosen.
// Prints the time each hook adds; writes .bench/results/cli-hook.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, CLI_DIR, QUICK, ROOT, time, writeResult } from './lib.mjs';

const ROUNDS = QUICK ? 3 : 9;
const FILES = 10;
const HUSKY = path.join(ROOT, 'node_modules', 'husky');

function repo() {
  const dir = mkdtempSync(path.join(tmpdir(), 'credlint-hook-bench-'));
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'bench');
  git('config', 'user.email', 'bench@credlint.invalid');
  git('config', 'commit.gpgsign', 'false');
  writeFileSync(path.join(dir, 'README.md'), '# bench\n');
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
  git('add', '.');
  git('commit', '-q', '-m', 'init', '--no-verify');
  return { dir, git };
}

/** node_modules as a package manager lays it out: package links and .bin links. */
function link(dir, name, target, bins = {}) {
  const at = path.join(dir, 'node_modules', name);
  mkdirSync(path.dirname(at), { recursive: true });
  if (!existsSync(at)) symlinkSync(target, at);
  mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  for (const [bin, file] of Object.entries(bins)) symlinkSync(file, path.join(dir, 'node_modules', '.bin', bin));
}

// CPU time of the commit and everything it waited for (GNU time's rusage): on a shared, loaded
// machine wall time mostly measures the other tenants, CPU time still measures the hook.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const cpu = {};
const median = (xs) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);

/** Median wall time of `git commit` over ROUNDS commits of FILES fresh staged files each (CPU median into `cpu[label]`). */
function commitTimes(label, setup) {
  const { dir, git } = repo();
  setup?.(dir);
  const env = { ...process.env };
  delete env.HUSKY;
  delete env.CI;
  const times = [];
  const cpus = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < FILES; i++) {
      const lines = Array.from({ length: 200 }, (_, k) => `export const v${r}_${i}_${k} = ${k}; // round ${r}`);
      writeFileSync(path.join(dir, `file-${r}-${i}.ts`), `${lines.join('\n')}\n`);
    }
    git('add', '.');
    const [cmd, args] = GNU_TIME ? [GNU_TIME, ['-f', 'CPU %U %S', 'git', 'commit', '-q', '-m', `round ${r}`]] : ['git', ['commit', '-q', '-m', `round ${r}`]];
    const t = time(cmd, args, { cwd: dir, env }, 1, false);
    if (t.status !== 0) throw new Error(`commit failed in ${dir}:\n${t.stdout}${t.stderr}`);
    times.push(t.ms);
    const used = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(t.stderr);
    if (used) cpus.push((Number(used[1]) + Number(used[2])) * 1000);
  }
  rmSync(dir, { recursive: true, force: true });
  if (cpus.length) cpu[label] = median(cpus);
  return median(times);
}

/** A husky project whose .husky/pre-commit is `body`, with credlint installed as npm would. */
const husky = (body, extra) => (dir) => {
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench', private: true, type: 'module' }));
  link(dir, 'husky', HUSKY);
  link(dir, 'credlint', CLI_DIR, { credlint: BIN });
  extra?.(dir);
  mkdirSync(path.join(dir, '.husky'), { recursive: true });
  writeFileSync(path.join(dir, '.husky', 'pre-commit'), `${body}\n`);
  execFileSync(process.execPath, ['--input-type=module', '-e', "import h from 'husky'; const m = h(); if (m) throw new Error(m);"], { cwd: dir });
};

const results = { files: FILES, rounds: ROUNDS, node: process.version, ms: {} };
const DEFAULT = 'init default: node_modules/.bin/credlint scan --staged';
results.ms['no hook'] = commitTimes('no hook');
results.ms[DEFAULT] = commitTimes(DEFAULT, husky('node_modules/.bin/credlint scan --staged'));
results.ms['npx --no credlint scan --staged'] = commitTimes('npx --no credlint scan --staged', husky('npx --no credlint scan --staged'));

const lintStaged = path.join(ROOT, 'node_modules', 'lint-staged');
const secretlint = path.join(CLI_DIR, 'node_modules', 'secretlint');
if (existsSync(lintStaged) && existsSync(secretlint)) {
  // The wiring init used to write (and still adds for secretlint users, after credlint):
  // husky → lint-staged → secretlint + our preset.
  results.ms['lint-staged → secretlint + preset (old default)'] = commitTimes(
    'lint-staged → secretlint + preset (old default)',
    husky('node_modules/.bin/lint-staged', (dir) => {
      const pkg = { name: 'bench', private: true, type: 'module', 'lint-staged': { '*': 'secretlint --no-glob' } };
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
      writeFileSync(path.join(dir, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@credlint/secretlint-rule-preset' }] }));
      link(dir, '@credlint/secretlint-rule-preset', path.join(ROOT, 'packages', 'secretlint-rule-preset'));
      link(dir, 'lint-staged', lintStaged, { 'lint-staged': path.join(lintStaged, 'bin', 'lint-staged.js') });
      link(dir, 'secretlint', secretlint, { secretlint: path.join(secretlint, 'bin', 'secretlint.js') });
    }),
  );
}

const base = results.ms['no hook'];
const cpuBase = cpu['no hook'];
const loadavg = (await import('node:os')).loadavg()[0];
console.log(`git commit of ${FILES} staged files through husky, median of ${ROUNDS} (load average ${loadavg.toFixed(1)}):`);
for (const [k, v] of Object.entries(results.ms)) {
  const c = cpu[k] === undefined ? '' : `; CPU ${cpu[k]} ms${k === 'no hook' ? '' : ` (+${cpu[k] - cpuBase})`}`;
  console.log(`  ${k.padEnd(56)} ${String(v).padStart(6)} ms${k === 'no hook' ? '' : `   (+${v - base} ms${k === DEFAULT ? ', aim < 500' : ''})`}${c}`);
}
results.loadavg = loadavg;
results.cpuMs = cpu;
results.added = Object.fromEntries(Object.entries(results.ms).filter(([k]) => k !== 'no hook').map(([k, v]) => [k, v - base]));
// Not ratios strictly: milliseconds a hook adds to `git commit`, for the run summary.
results.ratios = Object.fromEntries(Object.entries(results.added).map(([k, v]) => [`${k}: ms added${k === DEFAULT ? ' (aim < 500)' : ''}`, v]));
writeResult('cli-hook', results);
