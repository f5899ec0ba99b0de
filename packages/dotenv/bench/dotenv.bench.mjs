// @credlint/dotenv throughput: parse() and validate() over generated env files, beside the dotenv
// package's own parse() (the peer: it computes one reader's values; we compute six, plus positions).
// Also a linear-time check: validate() on n and 4n lines.
//
//   BENCH_QUICK=1   small sizes, fewer rounds
//
// Prints plain lines and writes .bench/results/dotenv.json. (The shared corpus has few env files,
// so this bench generates its own, deterministic, mix of clean and messy lines.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = QUICK ? 2 : 5;
const LINES = QUICK ? 2_000 : 20_000;
const lib = await import(pathToFileURL(path.join(ROOT, 'packages/dotenv/dist/index.js')).href);
const dotenv = createRequire(path.join(ROOT, 'packages/dotenv/package.json'))('dotenv');

const SHAPES = [
  (i) => `APP_SETTING_${i}=value-${i}`,
  (i) => `# comment ${i}`,
  (i) => `QUOTED_${i}="some value ${i}"`,
  (i) => `export EXPORTED_${i}='x${i}'`,
  (i) => `SPACED_${i} = v${i}  `,
  (i) => `HASH_${i}=abc#def${i}`,
  (i) => `URL_${i}=https://example.com/${i}?a=b # inline`,
  () => '',
];
const make = (n) => Array.from({ length: n }, (_, i) => SHAPES[i % SHAPES.length](i)).join('\n') + '\n';

function best(fn) {
  fn();
  let min = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const s = performance.now();
    fn();
    min = Math.min(min, performance.now() - s);
  }
  return min;
}

const text = make(LINES);
const MB = Buffer.byteLength(text) / 1048576;
const dotenvMs = best(() => dotenv.parse(text));
const parseMs = best(() => lib.parse(text));
const validateMs = best(() => lib.validate(text));
const fixMs = best(() => lib.fix(text));
const small = make(LINES / 4);
const smallMs = best(() => lib.validate(small));

const mbs = (ms) => +(MB / (ms / 1000)).toFixed(2);
const results = {
  lines: LINES,
  megabytes: +MB.toFixed(3),
  ms: { dotenvParse: +dotenvMs.toFixed(1), parse: +parseMs.toFixed(1), validate: +validateMs.toFixed(1), fix: +fixMs.toFixed(1), validateQuarter: +smallMs.toFixed(1) },
  mbPerSecond: { dotenvParse: mbs(dotenvMs), parse: mbs(parseMs), validate: mbs(validateMs), fix: mbs(fixMs) },
  ratios: {
    'parse/dotenv.parse time': +(parseMs / dotenvMs).toFixed(1),
    'validate/dotenv.parse time': +(validateMs / dotenvMs).toFixed(1),
    'validate 4n/n time (linear ≈ 4)': +(validateMs / smallMs).toFixed(2),
  },
};
console.log(`generated env file: ${LINES} lines, ${MB.toFixed(2)} MB, best of ${ROUNDS}`);
for (const [k, v] of Object.entries(results.ms)) console.log(`  ${k.padEnd(16)} ${String(v).padStart(8)} ms`);
for (const [k, v] of Object.entries(results.ratios)) console.log(`  ${k}: ${v}`);
mkdirSync(path.join(ROOT, '.bench', 'results'), { recursive: true });
writeFileSync(path.join(ROOT, '.bench', 'results', 'dotenv.json'), JSON.stringify(results, null, 2));
