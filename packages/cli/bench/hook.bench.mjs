// Commit-hook latency: `git commit` of 10 staged files with no hook, with the credlint hook
// (`credlint scan --staged` as .git/hooks/pre-commit), and with the wiring `credlint init` writes
// (husky → lint-staged → secretlint + our preset, credlint dotenv) using this workspace's installs.
// Prints the time each hook adds; writes .bench/results/cli-hook.json.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, CLI_DIR, QUICK, ROOT, time, writeResult } from './lib.mjs';

const ROUNDS = QUICK ? 2 : 7;
const FILES = 10;

function repo() {
  const dir = mkdtempSync(path.join(tmpdir(), 'credlint-hook-bench-'));
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'bench');
  git('config', 'user.email', 'bench@credlint.invalid');
  git('config', 'commit.gpgsign', 'false');
  writeFileSync(path.join(dir, 'README.md'), '# bench\n');
  git('add', '.');
  git('commit', '-q', '-m', 'init', '--no-verify');
  return { dir, git };
}

/** Median wall time of `git commit` over ROUNDS commits of FILES fresh staged files each. */
function commitTimes(setup) {
  const { dir, git } = repo();
  const env = setup(dir) ?? {};
  const times = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < FILES; i++) {
      const lines = Array.from({ length: 200 }, (_, k) => `export const v${r}_${i}_${k} = ${k}; // round ${r}`);
      writeFileSync(path.join(dir, `file-${r}-${i}.ts`), `${lines.join('\n')}\n`);
    }
    git('add', '.');
    const t = time('git', ['commit', '-q', '-m', `round ${r}`], { cwd: dir, env: { ...process.env, ...env } }, 1, false);
    if (t.status !== 0) throw new Error(`commit failed in ${dir}:\n${t.stdout}${t.stderr}`);
    times.push(t.ms);
  }
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]);
}

const hook = (dir, body) => {
  const file = path.join(dir, '.git', 'hooks', 'pre-commit');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
};

const results = { files: FILES, rounds: ROUNDS, node: process.version, ms: {} };
results.ms['no hook'] = commitTimes(() => undefined);
results.ms['credlint scan --staged'] = commitTimes((dir) => hook(dir, `exec "${process.execPath}" "${BIN}" scan --staged`));

const lintStaged = path.join(ROOT, 'node_modules', '.bin', 'lint-staged');
const secretlint = path.join(CLI_DIR, 'node_modules', '.bin', 'secretlint');
if (existsSync(lintStaged) && existsSync(secretlint)) {
  // What `credlint init` wires, with the tools this workspace has installed on PATH.
  results.ms['init wiring (lint-staged + secretlint + preset)'] = commitTimes((dir) => {
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: 'bench', private: true, 'lint-staged': { '*': 'secretlint --no-glob', '**/{.env,.env.*,*.env}': 'credlint dotenv' } }),
    );
    writeFileSync(path.join(dir, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@credlint/secretlint-rule-preset' }] }));
    // Resolve the preset from the workspace.
    mkdirSync(path.join(dir, 'node_modules', '@credlint'), { recursive: true });
    execFileSync('ln', ['-s', path.join(ROOT, 'packages', 'secretlint-rule-preset'), path.join(dir, 'node_modules', '@credlint', 'secretlint-rule-preset')]);
    writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
    hook(dir, `export PATH="${path.dirname(secretlint)}:${path.dirname(lintStaged)}:$PATH"\nexec lint-staged`);
  });
}

const base = results.ms['no hook'];
console.log(`git commit of ${FILES} staged files, median of ${ROUNDS}:`);
for (const [k, v] of Object.entries(results.ms)) {
  console.log(`  ${k.padEnd(50)} ${String(v).padStart(6)} ms${k === 'no hook' ? '' : `   (+${v - base} ms${k.startsWith('credlint') ? ', aim < 500' : ''})`}`);
}
results.added = Object.fromEntries(Object.entries(results.ms).filter(([k]) => k !== 'no hook').map(([k, v]) => [k, v - base]));
// Not ratios strictly: milliseconds a hook adds to `git commit`, for the run summary.
results.ratios = Object.fromEntries(Object.entries(results.added).map(([k, v]) => [`${k}: ms added${k.startsWith('credlint') ? ' (aim < 500)' : ''}`, v]));
writeResult('cli-hook', results);
