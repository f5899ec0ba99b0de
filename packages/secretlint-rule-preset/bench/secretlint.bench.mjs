#!/usr/bin/env node
// Whole-process `secretlint` time over one corpus: with @credlint/secretlint-rule-preset vs
// with @secretlint/secretlint-rule-aws (enableIDScanRule off and on), in the same run, on
// secretlint 13 (Node 24) and 11 (Node 20). Also measures the preset with every finding
// allowed (scanning without secretlint's per-report cost) and core's in-process scan time,
// to tell the preset's cost apart from secretlint's plumbing.
//   BENCH_CORPUS=<dir>  corpus to scan (default: a mixed corpus generated under .bench/)
//   BENCH_QUICK=1       small corpus, one round: proves it runs
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '@credlint/core';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(pkgDir, '../..');
const quick = process.env.BENCH_QUICK === '1';
const rounds = quick ? 1 : 5;
const SECRETLINT = join(pkgDir, 'node_modules/secretlint/bin/secretlint.js');

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * Without BENCH_CORPUS: a mixed corpus like a repository's, mostly clean real source (text
 * files of the installed packages: JS, TS declarations, JSON, Markdown) with the leaky
 * side-by-side corpus copied in a few times.
 */
function mixedCorpus(cleanBytes, leakyCopies) {
  const dir = join(repoDir, '.bench/secretlint-corpus', `${cleanBytes}-${leakyCopies}`);
  if (existsSync(join(dir, '.done'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  const sources = walk(join(repoDir, 'node_modules/.pnpm'))
    .filter((f) => /\.(js|mjs|cjs|ts|json|md)$/.test(f) && !f.includes('/.cache/'))
    .sort();
  let total = 0;
  for (const [i, f] of sources.entries()) {
    if (total >= cleanBytes) break;
    const size = statSync(f).size;
    if (size > 2_000_000) continue;
    const to = join(dir, 'clean', String(i % 100), relativeName(f));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(f, to);
    total += size;
  }
  for (let i = 0; i < leakyCopies; i++) cpSync(join(pkgDir, 'test/fixtures/corpus/files'), join(dir, `leaky-${i}`), { recursive: true });
  writeFileSync(join(dir, '.done'), '');
  return dir;
}

function relativeName(f) {
  return f.slice(f.indexOf('node_modules/.pnpm/') + 'node_modules/.pnpm/'.length).replace(/\/node_modules\//g, '/');
}

const corpus = process.env.BENCH_CORPUS ? realpathSync(process.env.BENCH_CORPUS) : mixedCorpus(quick ? 1_000_000 : 20_000_000, quick ? 1 : 10);
const files = walk(corpus);
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);

/**
 * secretlint 13 on Node 24, from the cache the package tests install (installed here when
 * missing). secretlint 13.0.5+ turns its profiler off unless asked (secretlint#1633); 10 to 13.0.4 run it
 * always, and its cost grows with (files × registered rules)², which a preset of four rules
 * pays four times as fast as a single rule. Both are measured; 13 is the headline.
 */
function secretlint13() {
  const specs = ['secretlint@13', '@secretlint/secretlint-rule-aws@13', '@secretlint/secretlint-rule-filter-comments@13', 'node@24'];
  const dir = join(pkgDir, 'node_modules/.cache/credlint-secretlint-tests/secretlint-13-node-24');
  const stamp = join(dir, '.installed.json');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== JSON.stringify(specs)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'credlint-test-secretlint-13-node-24', private: true }) + '\n');
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...specs], { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) {
      console.log(`note: secretlint 13 not measured (npm install failed: ${(r.stderr || '').trim().split('\n').pop()})`);
      return undefined;
    }
    writeFileSync(stamp, JSON.stringify(specs));
  }
  const node = join(dir, 'node_modules/node/bin/node');
  if (!existsSync(node)) return undefined;
  return { key: 'secretlint13', label: 'secretlint 13 on Node 24', node, bin: join(dir, 'node_modules/secretlint/bin/secretlint.js'), awsRule: join(dir, 'node_modules/@secretlint/secretlint-rule-aws'), rounds };
}

const hosts = [
  secretlint13(),
  // secretlint 11 is slow here for reasons of its own (see above): one round is enough to show it
  { key: 'secretlint11', label: 'secretlint 11 on Node 20', node: process.execPath, bin: SECRETLINT, awsRule: join(pkgDir, 'node_modules/@secretlint/secretlint-rule-aws'), rounds: 1 },
].filter(Boolean);

const configs = {
  preset: { rules: [{ id: '@credlint/secretlint-rule-preset' }] },
  // the same scanning with every finding allowed: the preset's cost without secretlint's per-report cost
  presetNoReports: { rules: [{ id: '@credlint/secretlint-rule-preset', options: { allows: ['/^/'] } }] },
  aws: { rules: [{ id: '@secretlint/secretlint-rule-aws' }] },
  awsIds: { rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }] },
};

// A project folder whose node_modules has the rule packages, with the corpus copied in as
// `corpus/`: secretlint resolves rules from <cwd>/node_modules, lints only files under cwd,
// and does not descend into symlinked folders.
const project = mkdtempSync(join(tmpdir(), 'credlint-bench-'));
const output = join(project, 'report.txt');

function link(name, target) {
  const at = join(project, 'node_modules', name);
  mkdirSync(dirname(at), { recursive: true });
  rmSync(at, { recursive: true, force: true });
  symlinkSync(realpathSync(target), at, 'dir');
}

function once(host, config) {
  const started = performance.now();
  // compact format (one line per report) to a file: secretlint exits before a large stdout drains
  const r = spawnSync(host.node, [host.bin, 'corpus/**/*', '--format', 'compact', '--output', output, '--secretlintrcJSON', JSON.stringify(config)], {
    cwd: project,
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`secretlint exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const messages = readFileSync(output, 'utf8').split('\n').filter((l) => / (Error|Warning|Info) - /i.test(l)).length;
  return { ms, messages };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (a, b) => Math.round((a / b) * 100) / 100;
const measured = [];
try {
  cpSync(corpus, join(project, 'corpus'), { recursive: true });
  link('@credlint/secretlint-rule-preset', pkgDir);
  link('@credlint/core', join(pkgDir, '../core'));
  for (const host of hosts) {
    link('@secretlint/secretlint-rule-aws', host.awsRule);
    const results = {};
    for (let round = 0; round < host.rounds; round++) {
      // interleave configurations so machine noise hits all of them alike
      for (const [name, config] of Object.entries(configs)) {
        const r = once(host, config);
        (results[name] ??= { runs: [], messages: r.messages }).runs.push(Math.round(r.ms));
      }
    }
    const ms = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v.runs)]));
    measured.push({
      key: host.key,
      host: host.label,
      rounds: host.rounds,
      medianMs: ms,
      runsMs: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.runs])),
      reports: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.messages])),
      vs: {
        presetVsAws: ratio(ms.preset, ms.aws),
        presetVsAwsWithIds: ratio(ms.preset, ms.awsIds),
        presetNoReportsVsAws: ratio(ms.presetNoReports, ms.aws),
      },
    });
  }
} finally {
  rmSync(project, { recursive: true, force: true });
}

// core alone, in process, on the same files (what the preset adds on top of secretlint)
const coreStarted = performance.now();
let coreFindings = 0;
for (const f of files) {
  const buf = readFileSync(f);
  if (buf.includes(0)) continue;
  coreFindings += analyze(buf.toString('utf8'), { filename: f }).findings.length;
}
const coreMs = Math.round(performance.now() - coreStarted);

const summary = {
  name: 'secretlint-rule-preset',
  corpus: { source: process.env.BENCH_CORPUS ? 'BENCH_CORPUS' : '.bench/secretlint-corpus (mixed)', files: files.length, bytes },
  hosts: Object.fromEntries(measured.map((m) => [m.key, m])),
  // flat, named by host, for bench/run.mjs's summary
  ratios: Object.fromEntries(measured.flatMap((m) => Object.entries(m.vs).map(([k, v]) => [`${k}@${m.key}`, v]))),
  coreInProcessMs: coreMs,
  coreFindings,
  target: 'preset ≤ 1.2 × secretlint-rule-aws (whole process)',
};

console.log(`secretlint whole-process time, ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB`);
for (const m of measured) {
  const r = (k) => `${String(m.medianMs[k]).padStart(7)} ms  (${m.reports[k]} reports)`;
  console.log(`${m.host}, median of ${m.rounds}:`);
  console.log(`  + @credlint/secretlint-rule-preset                ${r('preset')}`);
  console.log(`  + preset, every finding allowed                   ${r('presetNoReports')}`);
  console.log(`  + @secretlint/secretlint-rule-aws                 ${r('aws')}`);
  console.log(`  + secretlint-rule-aws, enableIDScanRule           ${r('awsIds')}`);
  console.log(`ratio preset / rule-aws (${m.host}): ${m.vs.presetVsAws}x`);
  console.log(`ratio preset / rule-aws+enableIDScanRule (${m.host}): ${m.vs.presetVsAwsWithIds}x`);
}
console.log(`@credlint/core in process on the same files: ${coreMs} ms (${coreFindings} findings)`);
mkdirSync(join(repoDir, '.bench/results'), { recursive: true });
writeFileSync(join(repoDir, '.bench/results/secretlint-rule-preset.json'), JSON.stringify(summary, null, 2) + '\n');
