// Core throughput, A/B: `node bench/core-ab.mjs before=/path/to/old/checkout after=.` loads each
// checkout's built packages/core/dist, then scans the bench corpus (BENCH_CORPUS, default
// .bench/corpus) with each in turn, alternating the order every round, in one process. Reports
// wall and CPU time (process.cpuUsage) per full pass: on a shared machine CPU time is the stable
// figure, wall time mostly measures the other tenants. ROUNDS=N (default 15).
// An old checkout: `git archive <commit> | tar -x -C /tmp/old && cd /tmp/old && pnpm install --offline && pnpm run build`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureCorpus } from './corpus.mjs';

const args = process.argv.slice(2).map((a) => {
  const eq = a.indexOf('=');
  return eq > 0 ? [a.slice(0, eq), path.resolve(a.slice(eq + 1))] : [a, path.resolve(a)];
});
if (args.length < 2) {
  console.error('usage: node bench/core-ab.mjs label=checkout label=checkout [...]');
  process.exit(2);
}
const dir = process.env.BENCH_CORPUS ?? (await ensureCorpus()).dir;
const files = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile()) files.push(p);
  }
};
walk(dir);
files.sort();
const texts = files.map((f) => readFileSync(f, 'utf8'));
const MB = texts.reduce((a, t) => a + Buffer.byteLength(t), 0) / 1048576;
const variants = [];
for (const [label, root] of args) variants.push({ label, core: await import(pathToFileURL(path.join(root, 'packages/core/dist/index.js')).href), wall: [], cpu: [], found: 0 });

const pass = (core) => {
  let n = 0;
  for (let i = 0; i < texts.length; i++) n += core.scan(texts[i], { filename: files[i] }).length;
  return n;
};
for (const v of variants) for (let w = 0; w < 2; w++) pass(v.core); // warm-up (JIT)
const ROUNDS = Number(process.env.ROUNDS ?? 15);
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 ? [...variants].reverse() : variants;
  for (const v of order) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    v.found = pass(v.core);
    v.wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    v.cpu.push((c.user + c.system) / 1000);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`corpus: ${files.length} files, ${MB.toFixed(1)} MB; ${ROUNDS} rounds; load average ${load}`);
const base = variants[0];
for (const v of variants) {
  const cpu = median(v.cpu);
  const rel = v === base ? '' : ` (${cpu >= median(base.cpu) ? '+' : ''}${((cpu / median(base.cpu) - 1) * 100).toFixed(1)}% CPU vs ${base.label})`;
  console.log(
    `${v.label.padEnd(8)} findings ${v.found}; CPU median ${cpu.toFixed(0)} ms = ${((MB / cpu) * 1000).toFixed(0)} MB/s, min ${Math.min(...v.cpu).toFixed(0)} ms; wall median ${median(v.wall).toFixed(0)} ms, min ${Math.min(...v.wall).toFixed(0)} ms${rel}`,
  );
}
