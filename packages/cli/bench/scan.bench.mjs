// credlint scan vs secretlint (+ @secretlint/secretlint-rule-aws) vs git-secrets vs ripgrep:
// whole-process wall time (median of several runs, after a warm-up) on the same trees, in the same
// run. Prints ratios; writes .bench/results/cli-scan.json.
// BENCH_TREE=/path/to/a/git/work/tree (e.g. an aws-cli checkout) adds that tree, scanned the way a
// user does (`cd tree && credlint scan .`), and a staged scan of 10 files (`credlint scan --staged`).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, CLI_DIR, QUICK, corpus, have, realTree, time, treeStats, writeResult } from './lib.mjs';

const SECRETLINT = path.join(CLI_DIR, 'node_modules', '.bin', 'secretlint');
// A regex comparable to what the peers look for: key ids, and 40-char secrets after an AWS-ish key name.
const RG_PATTERNS = ['(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}', '(?i)(aws)?_?(secret)?_?(access)?_?key["\']?\\s*[:=]\\s*["\']?[A-Za-z0-9/+=]{40}'];

const work = mkdtempSync(path.join(tmpdir(), 'credlint-bench-'));
const secretlintrc = path.join(work, 'secretlintrc.json');
writeFileSync(secretlintrc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-aws' }] }));
// git-secrets reads its patterns from a repository's config.
const gsRepo = path.join(work, 'git-secrets-repo');
spawnSync('git', ['init', '-q', gsRepo]);
spawnSync('git', ['secrets', '--register-aws'], { cwd: gsRepo, stdio: 'ignore' });

// `path:line:text` lines (git-secrets and rg print one per matching line).
const matches = (s) => s.split('\n').filter((l) => /^[^:\n]+:\d+:/.test(l)).length;

const RUNS = QUICK ? 1 : 5;
/** Median wall time of `runs` whole-process runs after one warm-up (the machine may be shared: medians, same run). */
function median(cmd, args, options = {}, runs = RUNS) {
  if (!QUICK) time(cmd, args, options, 1, false);
  const all = Array.from({ length: runs }, () => time(cmd, args, options, 1, false)).sort((a, b) => a.ms - b.ms);
  return { ...all[Math.floor(all.length / 2)], all: all.map((r) => Math.round(r.ms)) };
}

/** `inTree`: the tree is a git work tree, scanned from inside (`cd dir && credlint scan .`). */
function bench(label, dir, inTree = false) {
  const stats = treeStats(dir);
  const row = { tree: label, dir, files: stats.files, mb: +(stats.bytes / 1048576).toFixed(1), tools: {} };
  const target = inTree ? '.' : dir;
  const where = inTree ? { cwd: dir } : {};
  const credlint = median(process.execPath, [BIN, 'scan', target, '--max-file-size', '1GB', '--format', 'json'], where);
  row.tools.credlint = { ms: Math.round(credlint.ms), runs: credlint.all, findings: JSON.parse(credlint.stdout).summary.findings, command: `${inTree ? `cd ${dir} && ` : ''}node ${BIN} scan ${target} --max-file-size 1GB --format json` };
  if (inTree) {
    // Inside a work tree `git grep` rules out most files (src/scan/tree-grep.ts); this is the same scan reading every file.
    const full = median(process.execPath, [BIN, 'scan', target, '--max-file-size', '1GB', '--format', 'json'], { ...where, env: { ...process.env, CREDLINT_GIT_PREFILTER: '0' } });
    const report = JSON.stringify(JSON.parse(full.stdout));
    row.tools['credlint (no git grep)'] = { ms: Math.round(full.ms), runs: full.all, findings: JSON.parse(full.stdout).summary.findings, sameReport: report === JSON.stringify(JSON.parse(credlint.stdout)) };
    // Node's floor: the same command in an empty directory.
    const empty = mkdtempSync(path.join(work, 'empty-'));
    const floor = median(process.execPath, [BIN, 'scan', '.', '--format', 'json'], { cwd: empty });
    row.tools['credlint, empty dir'] = { ms: Math.round(floor.ms), runs: floor.all };
    // The runtime's own floor: Node starting and exiting, no module loaded.
    const bare = median(process.execPath, ['-e', '0'], { cwd: empty });
    row.tools['node -e 0'] = { ms: Math.round(bare.ms), runs: bare.all };
  }
  // The other mode than the default: workers on a 2-core machine (where the default is inline), inline elsewhere.
  const altJobs = availableParallelism() > 2 ? '1' : '2';
  const credlintAlt = median(process.execPath, [BIN, 'scan', target, '--max-file-size', '1GB', '--format', 'json', '--jobs', altJobs], where);
  row.tools[`credlint --jobs ${altJobs}`] = { ms: Math.round(credlintAlt.ms), runs: credlintAlt.all, findings: JSON.parse(credlintAlt.stdout).summary.findings };
  const sl = median(SECRETLINT, ['**/*', '--secretlintrc', secretlintrc, '--no-color'], { cwd: dir }, QUICK ? 1 : 3);
  const slFindings = sl.stdout.split('\n').filter((l) => /^\s+\d+:\d+\s+(error|warning)/.test(l)).length;
  row.tools.secretlint = { ms: Math.round(sl.ms), findings: slFindings, command: `cd ${dir} && secretlint "**/*" --secretlintrc <{"rules":[{"id":"@secretlint/secretlint-rule-aws"}]}>` };
  if (have('git-secrets')) {
    const gs = median('git', ['secrets', '--scan', '-r', dir], { cwd: gsRepo });
    row.tools['git-secrets'] = { ms: Math.round(gs.ms), runs: gs.all, findings: matches(gs.stdout + gs.stderr), command: `git secrets --scan -r ${dir} (in a repo after git secrets --register-aws)` };
  }
  if (have('rg')) {
    const rg = median('rg', ['-n', '--no-messages', ...RG_PATTERNS.flatMap((p) => ['-e', p]), dir]);
    row.tools.rg = { ms: Math.round(rg.ms), runs: rg.all, findings: matches(rg.stdout), command: `rg -n -e '${RG_PATTERNS[0]}' -e '${RG_PATTERNS[1]}' ${dir}` };
  }
  const c = row.tools.credlint.ms;
  row.ratios = {
    'secretlint / credlint (aim >= 10)': +(row.tools.secretlint.ms / c).toFixed(2),
    ...(row.tools['git-secrets'] ? { 'credlint / git-secrets (aim <= 1)': +(c / row.tools['git-secrets'].ms).toFixed(2) } : {}),
    ...(row.tools.rg ? { 'credlint / rg (aim <= 3)': +(c / row.tools.rg.ms).toFixed(2) } : {}),
  };
  // Lower bounds no scan of this tree can beat: the same process with nothing to scan, and Node alone.
  for (const peer of ['git-secrets', 'rg']) {
    if (!row.tools[peer] || !row.tools['node -e 0']) continue;
    row.ratios[`floor: credlint, empty dir / ${peer}`] = +(row.tools['credlint, empty dir'].ms / row.tools[peer].ms).toFixed(2);
    row.ratios[`floor: node -e 0 / ${peer}`] = +(row.tools['node -e 0'].ms / row.tools[peer].ms).toFixed(2);
  }
  console.log(`\n${label}: ${row.files} files, ${row.mb} MB (${dir})`);
  for (const [tool, r] of Object.entries(row.tools)) {
    const same = r.sameReport === undefined ? '' : `   same report: ${r.sameReport ? 'yes' : 'NO'}`;
    console.log(`  ${tool.padEnd(24)} ${String(r.ms).padStart(7)} ms   findings: ${r.findings ?? '?'}${same}`);
  }
  for (const [k, v] of Object.entries(row.ratios)) console.log(`  ${k}: ${v}`);
  return row;
}

/** `credlint scan --staged` with 10 files staged in a copy-free temp repository (the commit hook's work). */
function stagedTen() {
  const repo = path.join(work, 'staged-repo');
  spawnSync('git', ['init', '-q', repo]);
  for (let i = 0; i < 10; i++) writeFileSync(path.join(repo, `f${i}.ts`), `export const value${i} = ${i};\n`.repeat(200));
  spawnSync('git', ['add', '.'], { cwd: repo });
  const r = median(process.execPath, [BIN, 'scan', '--staged', '--format', 'json'], { cwd: repo });
  const row = { ms: Math.round(r.ms), runs: r.all, files: JSON.parse(r.stdout).summary.files, command: `node ${BIN} scan --staged --format json (10 staged files)` };
  console.log(`\nstaged scan of 10 files: ${row.ms} ms wall (median of ${r.all.join(', ')}) (aim <= 250)`);
  return row;
}

const c = corpus();
const rows = [bench(`corpus (${c.source})`, c.dir), bench('real code (installed package sources)', realTree())];
const tree = process.env.BENCH_TREE;
if (tree && existsSync(path.join(tree, '.git'))) rows.push(bench(`BENCH_TREE (${path.basename(tree)}, scanned from inside)`, path.resolve(tree), true));
else if (tree) console.log(`\nBENCH_TREE=${tree} is not a git work tree: skipped`);
const staged = stagedTen();
writeResult('cli-scan', { quick: QUICK, node: process.version, rows, staged, ratios: { 'staged scan of 10 files, ms (aim <= 250)': staged.ms } });
rmSync(work, { recursive: true, force: true });
