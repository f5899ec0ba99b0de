// ESLint over a generated TypeScript code base with typescript-eslint's recommended config
// (non-type-checked), with and without credlint's recommended config. Prints the medians and
// the overhead ratio; writes .bench/results/eslint-plugin.json. Run from the repo root:
//   node packages/eslint-plugin/bench/eslint.bench.mjs      (BENCH_QUICK=1 for a small run)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { prng } from '@credlint/core/testing';
import credlint from '../dist/index.js';

const quick = process.env.BENCH_QUICK === '1';
const FILES = Number(process.env.BENCH_ESLINT_FILES ?? (quick ? 150 : 600));
const RUNS = quick ? 2 : 7;
// A directory of our own (per process): other benches may clean .bench/ while we run.
const root = resolve(`.bench/eslint-plugin-ts-${process.pid}`);

// ---- a deterministic, realistic TypeScript code base --------------------------------------
const WORDS = ['order', 'invoice', 'customer', 'bucket', 'queue', 'table', 'stack', 'region', 'token', 'secret', 'session', 'user', 'payload', 'handler', 'retry', 'limit'];
function fileText(i) {
  const r = prng(i + 1);
  const w = () => WORDS[Math.floor(r() * WORDS.length)];
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const b64 = (n) => Array.from({ length: n }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[Math.floor(r() * 64)]).join('');
  const parts = [`// Module ${i}: generated for the credlint ESLint benchmark.`, `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';`, ''];
  for (let k = 0; k < 6; k++) {
    const name = `${cap(w())}${cap(w())}${k}`;
    parts.push(
      `/** ${cap(w())} ${w()} for ${w()} — see docs. */`,
      `export interface ${name}Props {`,
      `  readonly ${w()}Id: string;`,
      `  readonly ${w()}Count?: number;`,
      `  tags: Record<string, string>;`,
      `}`,
      '',
      `export class ${name} {`,
      `  private readonly client = new S3Client({ region: process.env.AWS_REGION ?? 'eu-west-1' });`,
      `  private cache = new Map<string, ${name}Props>();`,
      `  // integrity of the last upload`,
      `  private integrity = 'sha512-${b64(86)}==';`,
      `  constructor(private readonly props: ${name}Props) {}`,
      '',
      `  async put${cap(w())}(key: string, body: string): Promise<void> {`,
      `    const secretName = \`/app/\${key}/${w()}\`;`,
      `    if (this.cache.has(key)) {`,
      `      throw new Error(\`duplicate ${w()}: \${key} (\${secretName})\`);`,
      `    }`,
      `    await this.client.send(new PutObjectCommand({ Bucket: '${w()}-bucket-${i}', Key: key, Body: body }));`,
      `    this.cache.set(key, this.props);`,
      `  }`,
      '',
      `  ${w()}Total(items: readonly number[]): number {`,
      `    return items.filter((x) => x > ${Math.floor(r() * 100)}).reduce((a, b) => a + b, 0);`,
      `  }`,
      `}`,
      '',
      `export const ${w()}Config${k} = {`,
      `  sessionName: '${w()}-${w()}-${Math.floor(r() * 1e6)}',`,
      `  description: 'The ${w()} ${w()} of the ${w()} ${w()} ${w()}, kept for the ${w()} report',`,
      `  retries: ${Math.floor(r() * 5)},`,
      `} as const;`,
      '',
    );
  }
  return parts.join('\n');
}

rmSync(root, { recursive: true, force: true });
let lines = 0;
for (let i = 0; i < FILES; i++) {
  const dir = join(root, 'src', `pkg${i % 25}`);
  mkdirSync(dir, { recursive: true });
  const text = fileText(i);
  lines += text.split('\n').length;
  writeFileSync(join(dir, `module${i}.ts`), text);
}

// ---- the two configurations ----------------------------------------------------------------
const baseline = [...tseslint.configs.recommended];
const withCredlint = [...baseline, ...credlint.configs.recommended];

// CPU time of this process is the primary figure: ESLint lints on one thread here, and the
// machine is shared (wall time swings by 2x with other load). Wall time is reported too.
async function lintOnce(config) {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config, cache: false });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const results = await eslint.lintFiles(['src/**/*.ts']);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const problems = results.reduce((n, r) => n + r.messages.length, 0);
  return { ms: (cpu.user + cpu.system) / 1000, wall, files: results.length, problems };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Interference from other processes only ever adds time, so the best of N runs is the steadiest figure;
// the median is reported too.
const best = (xs) => Math.min(...xs);
await lintOnce(baseline); // warm-up: module loading, JIT
await lintOnce(withCredlint);
const a = [];
const b = [];
const aw = [];
const bw = [];
let credlintProblems = 0;
let baselineProblems = 0;
for (let run = 0; run < RUNS; run++) {
  // alternate the order so drift (GC, thermal, other load) hits both sides
  const first = run % 2 === 0;
  const x = first ? await lintOnce(baseline) : await lintOnce(withCredlint);
  const y = first ? await lintOnce(withCredlint) : await lintOnce(baseline);
  const [base, cred] = first ? [x, y] : [y, x];
  a.push(base.ms);
  b.push(cred.ms);
  aw.push(base.wall);
  bw.push(cred.wall);
  baselineProblems = base.problems;
  credlintProblems = cred.problems;
}
// Primary figure: the median of per-pair ratios. Each pair runs back to back, so both sides see
// nearly the same machine load; the median then drops the pairs a burst of other work disturbed.
const pairRatios = a.map((x, i) => b[i] / x);
const ratio = median(pairRatios);
const baseMs = best(a);
const credMs = best(b);
const bestRatio = credMs / baseMs;
const medianRatio = median(b) / median(a);
const summary = {
  name: 'eslint-plugin',
  config: 'typescript-eslint recommended (non-type-checked) vs + @credlint/eslint-plugin recommended',
  files: FILES,
  lines,
  runs: RUNS,
  metric: 'CPU time (user + system) of the linting process; ratio = median of per-pair ratios of interleaved runs',
  ratio: Number(ratio.toFixed(4)),
  overheadPercent: Number(((ratio - 1) * 100).toFixed(2)),
  pairRatios: pairRatios.map((x) => Number(x.toFixed(4))),
  baselineBestMs: Math.round(baseMs),
  withCredlintBestMs: Math.round(credMs),
  bestRatio: Number(bestRatio.toFixed(4)),
  medianRatio: Number(medianRatio.toFixed(4)),
  baselineRunsMs: a.map(Math.round),
  withCredlintRunsMs: b.map(Math.round),
  wallRatio: Number((median(bw) / median(aw)).toFixed(4)),
  baselineWallMedianMs: Math.round(median(aw)),
  withCredlintWallMedianMs: Math.round(median(bw)),
  problems: { baseline: baselineProblems, withCredlint: credlintProblems },
  node: process.version,
};
console.log(`eslint-plugin: ${FILES} TS files, ${lines} lines, ${RUNS} runs each`);
console.log(`  typescript-eslint recommended:              best CPU ${summary.baselineBestMs} ms (median wall ${summary.baselineWallMedianMs} ms)`);
console.log(`  + credlint recommended:                     best CPU ${summary.withCredlintBestMs} ms (median wall ${summary.withCredlintWallMedianMs} ms)`);
console.log(`  overhead ratio (median of per-pair CPU ratios): ${summary.ratio} (${summary.overheadPercent >= 0 ? '+' : ''}${summary.overheadPercent}%, aim <= 5%)`);
console.log(`  other views: best CPU ${summary.bestRatio}, median CPU ${summary.medianRatio}, median wall ${summary.wallRatio}`);
if (process.env.BENCH_ESLINT_KEEP !== '1') rmSync(root, { recursive: true, force: true });
else console.log(`  corpus kept in ${root}`);
mkdirSync(resolve('.bench/results'), { recursive: true });
writeFileSync(resolve('.bench/results/eslint-plugin.json'), `${JSON.stringify(summary, null, 2)}\n`);
