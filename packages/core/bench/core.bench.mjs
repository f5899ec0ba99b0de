// @credlint/core throughput: scan() in-process over the shared corpus (files read into memory
// first, best of N), beside ripgrep running a comparable regex over the same files.
//
//   BENCH_CORPUS=<dir>   corpus (bench/run.mjs passes .bench/corpus); default: generated here
//   BENCH_QUICK=1        small corpus, fewer rounds
//
// Prints plain lines and writes .bench/results/core.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = QUICK ? 2 : 7;
const core = await import(pathToFileURL(path.join(ROOT, 'packages/core/dist/index.js')).href);

let dir = process.env.BENCH_CORPUS;
let manifest;
if (!dir || !existsSync(dir)) {
  const { ensureCorpus } = await import(pathToFileURL(path.join(ROOT, 'bench/corpus.mjs')).href);
  ({ dir, manifest } = await ensureCorpus());
} else if (existsSync(`${dir}.json`)) {
  manifest = JSON.parse(readFileSync(`${dir}.json`, 'utf8'));
}

// ---- load --------------------------------------------------------------------------------
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
const t0 = performance.now();
const texts = files.map((f) => readFileSync(f, 'utf8'));
const readMs = performance.now() - t0;
const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
const MB = bytes / 1048576;

// ---- core ----------------------------------------------------------------------------------
function scanAll() {
  const counts = { 'access-key-id': 0, 'secret-access-key': 0, 'session-token': 0 };
  for (let i = 0; i < texts.length; i++) {
    for (const f of core.scan(texts[i], { filename: files[i] })) counts[f.kind]++;
  }
  return counts;
}
let counts = scanAll(); // warm-up (JIT)
const coreRuns = [];
for (let r = 0; r < ROUNDS; r++) {
  const s = performance.now();
  counts = scanAll();
  coreRuns.push(performance.now() - s);
}
const coreMs = Math.min(...coreRuns);
const coreMBs = MB / (coreMs / 1000);

// ---- ripgrep ---------------------------------------------------------------------------------
// Comparable work: the key-id pattern and a named 40-character secret, over the same files.
const RG_ARGS = ['--no-messages', '--hidden', '--no-ignore', '-c', '-e', '\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\\b', '-e', '(?i)secret[\\w.-]{0,30}["\']?\\s*[:=]\\s*["\']?[A-Za-z0-9/+]{40}', '-e', '(?:IQoJb3JpZ2luX2Vj|F[wQ]oGZXIvYXdz|AQoDYXdz)[A-Za-z0-9/+]{100,}'];
const haveRg = spawnSync('rg', ['--version'], { stdio: 'ignore' }).status === 0;
const rg = {};
if (haveRg) {
  for (const [label, extra] of [['rg -j1', ['-j1']], ['rg', []]]) {
    const runs = [];
    let matches = 0;
    for (let r = 0; r < ROUNDS + 1; r++) {
      const s = performance.now();
      const p = spawnSync('rg', [...extra, ...RG_ARGS, dir], { maxBuffer: 1 << 28 });
      const ms = performance.now() - s;
      if (r > 0) runs.push(ms); // first run warms the page cache
      matches = p.stdout.toString().split('\n').filter(Boolean).reduce((a, l) => a + Number(l.slice(l.lastIndexOf(':') + 1)), 0);
    }
    const ms = Math.min(...runs);
    rg[label] = { ms: Math.round(ms), mbPerS: Math.round(MB / (ms / 1000)), matchingLines: matches };
  }
}

// ---- report --------------------------------------------------------------------------------
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const out = {
  name: 'core',
  node: process.version,
  quick: QUICK,
  corpus: { dir: path.relative(ROOT, dir), files: files.length, mb: round(MB, 1) },
  core: { ms: Math.round(coreMs), mbPerS: Math.round(coreMBs), readMs: Math.round(readMs), rounds: ROUNDS, findings: counts },
  planted: manifest?.planted,
  rg: haveRg ? rg : 'rg not installed',
  command: haveRg ? `rg ${RG_ARGS.map((a) => (/[\s\\(|'"]/.test(a) ? `'${a.replaceAll("'", "'\\''")}'` : a)).join(' ')} <corpus>` : undefined,
  ratios: {},
};
console.log(`core: ${files.length} files, ${MB.toFixed(1)} MB (read in ${Math.round(readMs)} ms)`);
console.log(`core scan (in-process, 1 thread, best of ${ROUNDS}): ${Math.round(coreMs)} ms = ${Math.round(coreMBs)} MB/s`);
if (manifest?.planted) {
  for (const k of Object.keys(counts)) {
    console.log(`  ${k}: found ${counts[k]} / planted ${manifest.planted[k]}`);
  }
}
if (haveRg) {
  for (const [label, r] of Object.entries(rg)) {
    const ratio = coreMBs / r.mbPerS;
    out.ratios[`core / ${label} throughput`] = round(ratio);
    console.log(`${label.padEnd(6)} (whole process, best of ${ROUNDS}): ${r.ms} ms = ${r.mbPerS} MB/s   core/${label} = ${round(ratio)} (aim >= 0.33)`);
  }
} else {
  console.log('rg: not installed (apt-get install ripgrep); ratio skipped');
}
mkdirSync(path.join(ROOT, '.bench', 'results'), { recursive: true });
writeFileSync(path.join(ROOT, '.bench', 'results', 'core.json'), JSON.stringify(out, null, 2) + '\n');
