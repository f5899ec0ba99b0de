// Shared helpers for the CLI benchmarks: whole-process timing, a fallback corpus, peers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeAccessKeyId, fakeBase64Blob, fakeGitSha, fakeSecretAccessKey, fakeSessionToken, prng } from '@credlint/core/testing';

export const CLI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(CLI_DIR, '..', '..');
export const BIN = path.join(CLI_DIR, 'bin', 'credlint.js');
export const QUICK = process.env.BENCH_QUICK === '1';

/** Wall-clock of a whole process, best of `runs` (after one warm-up when not quick). */
export function time(cmd, args, options = {}, runs = QUICK ? 1 : 3, warmup = !QUICK) {
  const once = () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, ...options });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.error) throw r.error;
    return { ms, status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
  };
  if (warmup) once();
  let best;
  for (let i = 0; i < runs; i++) {
    const r = once();
    if (!best || r.ms < best.ms) best = r;
  }
  return best;
}

export function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function treeStats(dir) {
  let files = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        files++;
        bytes += statSync(p).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

const WORDS = 'const let return function export import from await async value config region bucket table stack props handler event context result error items length push map filter'.split(' ');

function sourceFile(rand, lines, seed) {
  const out = [];
  for (let i = 0; i < lines; i++) {
    const w = () => WORDS[Math.floor(rand() * WORDS.length)];
    const r = rand();
    if (r < 0.002) out.push(`  const accessKeyId = '${fakeAccessKeyId({ seed: seed * 1000 + i })}';`);
    else if (r < 0.003) out.push(`  secretAccessKey: "${fakeSecretAccessKey(seed * 1000 + i)}",`);
    else if (r < 0.02) out.push(`  // ${fakeGitSha(seed * 7 + i)} ${w()} ${w()}`);
    else if (r < 0.03) out.push(`  integrity: "sha512-${fakeBase64Blob(64, seed + i)}",`);
    else out.push(`  ${w()} ${w()}_${i} = ${w()}(${w()}, ${Math.floor(rand() * 1000)}); // ${w()} ${w()}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * A deterministic mixed tree (~`mb` MB): source-like TS/JS/Python, JSON with integrity hashes,
 * minified bundles, env files, a few generated credentials, binaries and a .gitignore'd dir.
 */
export function generateCorpus(dir, mb = QUICK ? 4 : 50) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rand = prng(2026);
  let bytes = 0;
  let n = 0;
  while (bytes < mb * 1024 * 1024) {
    const sub = path.join(dir, `pkg${n % 40}`, `src${n % 7}`);
    mkdirSync(sub, { recursive: true });
    const kind = n % 20;
    let file;
    let text;
    if (kind === 0) {
      file = `bundle${n}.min.js`;
      text = sourceFile(rand, 400, n).replace(/\n/g, ';');
    } else if (kind === 1) {
      file = `data${n}.json`;
      text = JSON.stringify({ name: `p${n}`, items: Array.from({ length: 200 }, (_, i) => ({ id: i, integrity: `sha512-${fakeBase64Blob(64, n * 300 + i)}` })) }, null, 2);
    } else if (kind === 2) {
      file = n % 40 === 2 ? '.env' : '.env.example';
      text = `AWS_REGION=eu-west-1\nAWS_ACCESS_KEY_ID=${fakeAccessKeyId({ seed: n })}\nAWS_SECRET_ACCESS_KEY=${fakeSecretAccessKey(n)}\nAWS_SESSION_TOKEN=${fakeSessionToken(n)}\n`;
    } else if (kind === 3) {
      file = `image${n}.png`;
      text = Buffer.from(Array.from({ length: 20000 }, () => Math.floor(rand() * 256)));
    } else if (kind < 8) {
      file = `module${n}.py`;
      text = sourceFile(rand, 300 + Math.floor(rand() * 600), n).replace(/const |let /g, '').replace(/\/\//g, '#');
    } else {
      file = `module${n}.ts`;
      text = sourceFile(rand, 200 + Math.floor(rand() * 1500), n);
    }
    writeFileSync(path.join(sub, file), text);
    bytes += typeof text === 'string' ? Buffer.byteLength(text) : text.length;
    n++;
  }
  writeFileSync(path.join(dir, '.gitignore'), 'ignored-build/\n');
  return treeStats(dir);
}

/** The corpus: BENCH_CORPUS when it exists, else our own generated tree under .bench/. */
export function corpus() {
  const given = process.env.BENCH_CORPUS;
  if (given && existsSync(given) && readdirSync(given).length > 0) return { dir: path.resolve(given), source: 'BENCH_CORPUS' };
  const dir = path.join(ROOT, '.bench', QUICK ? 'cli-corpus-quick' : 'cli-corpus');
  if (!existsSync(path.join(dir, '.gitignore'))) generateCorpus(dir);
  return { dir, source: 'generated by packages/cli/bench/lib.mjs' };
}

/**
 * A real code tree: the sources of packages installed in this workspace (TypeScript's lib,
 * ESLint, typescript-eslint…), copied out of node_modules so every tool scans them.
 */
export function realTree() {
  const dir = path.join(ROOT, '.bench', QUICK ? 'cli-real-tree-quick' : 'cli-real-tree');
  if (existsSync(path.join(dir, '.done'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const store = path.join(ROOT, 'node_modules', '.pnpm');
  const wanted = QUICK ? ['eslint@'] : ['typescript@6', 'eslint@', '@typescript-eslint+', 'vitest@', 'vite@', 'ajv@', 'secretlint@', '@secretlint+'];
  for (const entry of readdirSync(store)) {
    if (!wanted.some((w) => entry.startsWith(w))) continue;
    // `.pnpm/@scope+name@1.2.3_peer…/node_modules/@scope/name` holds the package itself.
    const name = entry.slice(0, entry.indexOf('@', 1)).replace('+', '/');
    const from = path.join(store, entry, 'node_modules', name);
    const to = path.join(dir, entry.replace(/_.*/, ''));
    if (existsSync(from) && !existsSync(to)) cpSync(from, to, { recursive: true, dereference: true });
  }
  writeFileSync(path.join(dir, '.done'), '');
  return dir;
}

export function writeResult(name, data) {
  const dir = path.join(ROOT, '.bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}
