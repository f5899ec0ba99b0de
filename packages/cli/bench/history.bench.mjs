// credlint scan --history vs git secrets --scan-history: whole-process wall time on the same
// repositories in the same run. Prints ratios (aim: git-secrets / credlint >= 2, issue 14);
// writes .bench/results/cli-history.json.
// Repositories: one generated with `git fast-import` (3000 commits; BENCH_QUICK=1: 300) and, when
// BENCH_AWSCLI_REPO names a clone of github.com/aws/aws-cli (bare is fine), that one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey, prng } from '@credlint/core/testing';
import { BIN, QUICK, have, time, writeResult } from './lib.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'credlint-bench-history-'));
const WORDS = 'const let return function export import from await async value config region bucket table stack props handler'.split(' ');

/** A repository of `commits` commits over ~200 files: edits, adds, deletes; keys added and later removed. */
function generateRepo(dir, commits) {
  spawnSync('git', ['init', '-q', '-b', 'main', dir]);
  const rand = prng(14);
  const files = new Map();
  const line = (i) => `${WORDS[Math.floor(rand() * WORDS.length)]}_${i} = ${WORDS[Math.floor(rand() * WORDS.length)]}(${Math.floor(rand() * 1e6)});`;
  const chunks = [];
  let keys = 0;
  for (let c = 1; c <= commits; c++) {
    const ops = [];
    for (let k = 0; k < 3; k++) {
      const name = `src/m${Math.floor(rand() * 40)}/f${Math.floor(rand() * 5)}.js`;
      const lines = files.get(name) ?? Array.from({ length: 80 + Math.floor(rand() * 300) }, (_, i) => line(i));
      lines[Math.floor(rand() * lines.length)] = line(c);
      if (rand() < 0.01) {
        lines.splice(1, 0, `const accessKeyId = '${fakeAccessKeyId({ seed: c })}'; const secret = '${fakeSecretAccessKey(c)}';`);
        keys++;
      } else if (rand() < 0.05) lines.splice(1, 1);
      files.set(name, lines);
      const body = `${lines.join('\n')}\n`;
      ops.push(`M 100644 inline ${name}\ndata ${Buffer.byteLength(body)}\n${body}`);
    }
    const msg = `commit ${c}\n`;
    chunks.push(`commit refs/heads/main\ncommitter Bench <bench@credlint.invalid> ${1700000000 + c * 60} +0000\ndata ${msg.length}\n${msg}${ops.join('\n')}\n`);
  }
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`fast-import failed: ${r.stderr}`);
  spawnSync('git', ['checkout', '-q', 'main'], { cwd: dir });
  return { keys };
}

// git-secrets' AWS patterns, passed as config (never written into the measured repository).
function gitSecretsEnv() {
  const tmp = path.join(work, 'gs');
  spawnSync('git', ['init', '-q', tmp]);
  spawnSync('git', ['secrets', '--register-aws'], { cwd: tmp, stdio: 'ignore' });
  const cfg = spawnSync('git', ['config', '--get-regexp', '^secrets\\.'], { cwd: tmp, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const env = { GIT_CONFIG_COUNT: String(cfg.length) };
  cfg.forEach((l, i) => {
    const sp = l.indexOf(' ');
    env[`GIT_CONFIG_KEY_${i}`] = l.slice(0, sp);
    env[`GIT_CONFIG_VALUE_${i}`] = l.slice(sp + 1);
  });
  return env;
}

function bench(label, repo, runs) {
  const commits = Number(spawnSync('git', ['rev-list', '--all', '--count'], { cwd: repo, encoding: 'utf8' }).stdout.trim());
  const row = { name: label, dir: repo, commits, tools: {} };
  // Through GNU time where it is installed: the same run gives Node's peak RSS (aim < 500 MB on aws-cli).
  const gnuTime = existsSync('/usr/bin/time');
  const cl = gnuTime
    ? time('/usr/bin/time', ['-f', 'maxrss-kb %M', process.execPath, BIN, 'scan', '--history', '--format', 'json'], { cwd: repo }, runs, false)
    : time(process.execPath, [BIN, 'scan', '--history', '--format', 'json'], { cwd: repo }, runs, false);
  const rss = /maxrss-kb (\d+)\s*$/.exec(cl.stderr);
  let report;
  try {
    report = JSON.parse(cl.stdout);
  } catch {
    report = { findings: [], summary: { files: '?', errors: [] } };
  }
  row.tools.credlint = {
    ms: Math.round(cl.ms),
    exit: cl.status,
    findings: report.findings.length,
    blobs: report.summary.files,
    notScanned: report.summary.errors.filter((e) => e.fatal).map((e) => e.code),
    ...(rss ? { peakRssMB: Math.round(Number(rss[1]) / 1024) } : {}),
    command: 'credlint scan --history --format json',
  };
  if (have('git-secrets')) {
    const gs = time('git', ['secrets', '--scan-history'], { cwd: repo, env: { ...process.env, ...gitSecretsEnv() } }, runs, false);
    const hits = (gs.stdout + gs.stderr).split('\n').filter((l) => /^[0-9a-f]{40}:[^:\n]+:\d+:/.test(l)).length;
    row.tools['git-secrets'] = { ms: Math.round(gs.ms), exit: gs.status, matchingLines: hits, command: 'git secrets --scan-history (AWS patterns)' };
    row.ratios = { 'git-secrets / credlint (aim >= 2)': +(gs.ms / cl.ms).toFixed(2) };
  } else row.note = 'git-secrets not installed (Debian: apt-get install git-secrets): no ratio';
  console.log(`\n${label}: ${commits} commits (${repo})`);
  for (const [tool, r] of Object.entries(row.tools)) console.log(`  ${tool.padEnd(12)} ${String(r.ms).padStart(8)} ms   ${JSON.stringify({ ...r, ms: undefined, command: undefined })}`);
  for (const [k, v] of Object.entries(row.ratios ?? {})) console.log(`  ${k}: ${v}`);
  if (row.note) console.log(`  ${row.note}`);
  return row;
}

const rows = [];
const gen = path.join(work, 'generated');
const n = QUICK ? 300 : 3000;
const { keys } = generateRepo(gen, n);
rows.push({ ...bench(`generated (${n} commits, ${keys} key insertions)`, gen, QUICK ? 1 : 3), keys });
if (process.env.BENCH_AWSCLI_REPO) rows.push(bench('aws-cli (all refs)', process.env.BENCH_AWSCLI_REPO, 1));
else console.log('\naws-cli: set BENCH_AWSCLI_REPO to a clone of github.com/aws/aws-cli to include it');
writeResult('cli-history', { quick: QUICK, node: process.version, rows });
rmSync(work, { recursive: true, force: true });
