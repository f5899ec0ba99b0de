// `pnpm bench [filter…]`: the root script builds first (`pnpm run build`); this file builds nothing.
// 1. ensures the shared corpus (bench/corpus.mjs → .bench/corpus, ~50 MB; BENCH_QUICK=1 → small),
// 2. runs packages/core/bench/core.bench.mjs, then every other packages/*/bench/*.bench.mjs, each
//    with `node`, cwd = repo root, env BENCH_CORPUS = the corpus directory,
// 3. prints a summary table from .bench/results/*.json.
// A filter argument keeps only benches whose path contains it: `pnpm bench core`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));

if (!existsSync(path.join(ROOT, 'packages/core/dist/index.js'))) {
  console.error('bench: packages/core/dist is missing; run `pnpm bench` (it builds first) or `pnpm run build`.');
  process.exit(2);
}

const benches = [];
const packagesDir = path.join(ROOT, 'packages');
for (const pkg of readdirSync(packagesDir).sort()) {
  const dir = path.join(packagesDir, pkg, 'bench');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.bench.mjs')) benches.push(path.join('packages', pkg, 'bench', f));
}
// core first: it is the baseline the others are read against
benches.sort((a, b) => Number(!a.startsWith('packages/core/')) - Number(!b.startsWith('packages/core/')));
const selected = filters.length ? benches.filter((b) => filters.some((f) => b.includes(f))) : benches;
if (selected.length === 0) {
  console.error(`bench: nothing matches ${filters.join(', ')}; available: ${benches.join(', ')}`);
  process.exit(2);
}

const { dir: corpus, manifest } = await ensureCorpus();
console.log(`corpus: ${corpus} (${manifest.files} files, ${(manifest.bytes / 1048576).toFixed(1)} MB${process.env.BENCH_QUICK === '1' ? ', quick' : ''})\n`);

const failed = [];
const started = Date.now();
for (const b of selected) {
  console.log(`── ${b}`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [b], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, BENCH_CORPUS: corpus } });
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) failed.push(b);
  console.log(`   (${r.status === 0 ? 'ok' : `exit ${r.status ?? r.signal}`}, ${s} s)\n`);
}

// ---- summary -------------------------------------------------------------------------------
const resultsDir = path.join(ROOT, '.bench', 'results');
const rows = [];
if (existsSync(resultsDir)) {
  for (const f of readdirSync(resultsDir).sort()) {
    if (!f.endsWith('.json')) continue;
    const p = path.join(resultsDir, f);
    if (statSync(p).mtimeMs < started - 1000) continue; // only this run's results
    let data;
    try {
      data = JSON.parse(readFileSync(p, 'utf8'));
    } catch {
      rows.push([f.replace(/\.json$/, ''), '(unreadable JSON)', '']);
      continue;
    }
    const ratios = collectRatios(data);
    if (ratios.length === 0) rows.push([f.replace(/\.json$/, ''), '(no ratios reported)', '']);
    for (const [k, v] of ratios) rows.push([f.replace(/\.json$/, ''), k, String(v)]);
  }
}
if (rows.length) {
  const w0 = Math.max(5, ...rows.map((r) => r[0].length));
  const w1 = Math.max(5, ...rows.map((r) => r[1].length));
  console.log('summary (ratios measured in this run)');
  console.log(`${'bench'.padEnd(w0)}  ${'ratio'.padEnd(w1)}  value`);
  console.log(`${'-'.repeat(w0)}  ${'-'.repeat(w1)}  -----`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}

/** Every numeric entry under a `ratios` key, at any depth (benches shape their JSON freely). */
function collectRatios(node, prefix = '') {
  const out = [];
  if (!node || typeof node !== 'object') return out;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'ratios' && v && typeof v === 'object') {
      for (const [rk, rv] of Object.entries(v)) if (typeof rv === 'number') out.push([`${prefix}${rk}`, rv]);
    } else if (v && typeof v === 'object') {
      const label = Array.isArray(node) ? (v.tree ?? v.name ?? k) : k;
      out.push(...collectRatios(v, Array.isArray(node) ? `${label}: ` : prefix));
    }
  }
  return out;
}
