/**
 * Differential tests: our model of each reader against the real thing, on generated lines and files.
 * dotenv (the version we ship) and Node's util.parseEnv run in-process; python-dotenv and bash run in
 * one process per batch. Compose and `docker run --env-file` are modelled from source (no binaries here).
 */
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entries, parse } from '../src/index.js';
import { nodeModelOf, runningNodeLine } from '../src/internals.js';
import { readNode2215, readNodeEarly } from '../src/readers/node.js';
import { BASH_KEYS, file, GEN_KEYS, line } from './helpers/gen.js';
import { cleanOurs, ourMap } from './helpers/ours.js';
import { findPython, realBashBatch, realDotenv, realNodeBatch, realPythonBatch, type VarMap } from './helpers/real-readers.js';

const RUNS = 3000;
const BATCH = 2000;

/** Only the generator's names: a reader may set odd names (Node 20.20 keeps a tab in `\tK`), which then means K is unset. */
function clean(m: VarMap): VarMap {
  return Object.fromEntries(Object.entries(m).filter(([k, v]) => v !== null && GEN_KEYS.includes(k)));
}

describe('dotenv (npm, shipped version) vs our model', () => {
  it('agrees on every generated line', () => {
    fc.assert(
      fc.property(line, (l) => {
        expect(cleanOurs(ourMap(l, 'dotenv'))).toEqual(clean(realDotenv(l)));
      }),
      { numRuns: RUNS, seed: 42 },
    );
  });
  it('agrees on generated files (multi-line and unterminated quotes, CRLF, comments, junk lines)', () => {
    fc.assert(
      fc.property(file, (f) => {
        expect(cleanOurs(ourMap(f, 'dotenv'))).toEqual(clean(realDotenv(f)));
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });
});

/**
 * Node: the model of a line against a real binary of that line, on generated lines and files — the
 * running Node (`process.execPath`, so every runtime in CI) and any other binary found locally:
 * the current 22 and 24 releases under node_modules/.cache (`pnpm run node-binaries`, which `pnpm test`
 * runs first, so CI compares Node 20, 22 and 24), and the paths in CREDLINT_NODE_BINARIES (separated by
 * the path delimiter). Releases before a line's current parser (20.19.0–20.19.4, 22.13–22.14 and 22.15.x)
 * are compared with their own model in readers/node-early.ts; one no model covers would be shown as skipped.
 */
const cache = fileURLToPath(new URL('../../../node_modules/.cache/', import.meta.url));
const cached = (line: string): string => join(cache, `credlint-node${line}`, 'node_modules/node/bin/node');

function nodeBinaries(): string[] {
  const found = [process.execPath, cached('22'), cached('24')];
  for (const p of (process.env.CREDLINT_NODE_BINARIES ?? '').split(delimiter)) if (p !== '') found.push(p);
  return [...new Set(found.filter((p) => existsSync(p)).map((p) => realpathSync(p)))];
}

/** An older release's variables (readers/node-early.ts), the last assignment winning. */
function olderMap(text: string, model: 'early' | '22.15'): VarMap {
  const out: VarMap = {};
  for (const a of (model === 'early' ? readNodeEarly : readNode2215)(text)) out[a.key] = a.value ?? null;
  return out;
}

describe("Node's util.parseEnv (each Node line) vs our model", () => {
  const cases = [...fc.sample(line, { numRuns: RUNS, seed: 42 }), ...fc.sample(file, { numRuns: RUNS, seed: 7 })];
  const binaries = nodeBinaries();
  for (const binary of binaries) {
    it(`agrees with ${binary} on generated lines and files`, (ctx) => {
      const real = realNodeBatch(binary, cases);
      const model = nodeModelOf(real.version);
      const running = binary === realpathSync(process.execPath);
      if (running) expect(real.version).toBe(process.versions.node);
      // a release with a parser no model covers: shown as skipped, with the reason
      if (model === undefined) return ctx.skip(`Node ${real.version} has a parser no model covers`);
      if (running && model !== 'early' && model !== '22.15') expect(runningNodeLine()).toBe(model);
      const mismatches = cases.flatMap((c, i) => {
        // the running release through parse's default; an older one on its own; a line's via parse
        const older = model === 'early' || model === '22.15';
        const ours = cleanOurs(running ? ourMap(c, 'node') : older ? olderMap(c, model) : ourMap(c, 'node', model));
        const theirs = clean(real.out[i] as VarMap);
        return isDeepStrictEqual(ours, theirs) ? [] : [{ c, ours, theirs }];
      });
      expect({ node: real.version, mismatches: mismatches.slice(0, 5) }).toEqual({ node: real.version, mismatches: [] });
    });
  }

  it('compares the current Node 22 and 24 releases (a failure in CI, where node-binaries installs them)', (ctx) => {
    const missing = ['22', '24'].filter((l) => !existsSync(cached(l)));
    const reason = `no ${missing.map((l) => `node@${l}`).join(' or ')} under node_modules/.cache: run \`pnpm run node-binaries\``;
    if (missing.length > 0 && process.env.CI !== 'true') return ctx.skip(reason);
    expect(missing.length === 0 ? '' : reason).toBe('');
  });

  it('the lines really differ: the Node 20 and Node 24 models disagree on part of the corpus', () => {
    const differ = cases.filter((c) => !isDeepStrictEqual(cleanOurs(ourMap(c, 'node', '20')), cleanOurs(ourMap(c, 'node', '24'))));
    expect(differ.length).toBeGreaterThan(cases.length / 10);
  });
});

const py = findPython();
describe.skipIf('reason' in py)(`python-dotenv vs our model${'reason' in py ? ` (skipped: ${py.reason})` : ''}`, () => {
  it('agrees on generated lines and files (one python process per batch)', () => {
    if ('reason' in py) return;
    const cases = [...fc.sample(line, { numRuns: BATCH, seed: 42 }), ...fc.sample(file, { numRuns: BATCH / 2, seed: 7 })];
    const real = realPythonBatch(py.python, cases);
    const mismatches = cases.flatMap((c, i) => {
      const ours = cleanOurs(ourMap(c, 'python'));
      const theirs = clean(real[i] as VarMap);
      return ours === undefined || isDeepStrictEqual(ours, theirs) ? [] : [{ c, ours, theirs }];
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});

describe('bash `set -a; source` vs our model', () => {
  it('agrees on generated lines and files (one bash process per batch)', () => {
    const cases = [...fc.sample(line, { numRuns: BATCH, seed: 42 }), ...fc.sample(file, { numRuns: BATCH / 2, seed: 7 })];
    const real = realBashBatch(cases, BASH_KEYS);
    let compared = 0;
    const mismatches = cases.flatMap((c, i) => {
      const ours = ourMap(c, 'bash');
      if (ours === undefined) return []; // command substitution, `~`, …: runtime-dependent, not compared
      compared++;
      // Only names the file has an entry for: `export A=1 B=2` also sets B, which credlint does not model.
      const names = new Set(entries(parse(c)).map((e) => e.key));
      const theirs = Object.fromEntries(Object.entries(real[i] as VarMap).filter(([k]) => names.has(k)));
      return isDeepStrictEqual(ours, theirs) ? [] : [{ c, ours, theirs }];
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
    // not vacuous: most cases have no runtime-dependent (or unterminated) bash construct
    expect(compared).toBeGreaterThan(cases.length * 0.5);
  });
});
