/**
 * Differential tests: our model of each reader against the real thing, on generated lines and files.
 * dotenv (the version we ship) and Node's util.parseEnv run in-process; python-dotenv and bash run in
 * one process per batch. Compose and `docker run --env-file` are modelled from source (no binaries here).
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entries, parse } from '../src/index.js';
import { BASH_KEYS, file, GEN_KEYS, line } from './helpers/gen.js';
import { cleanOurs, ourMap } from './helpers/ours.js';
import { findPython, realBashBatch, realDotenv, realNode, realPythonBatch, type VarMap } from './helpers/real-readers.js';

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

// The model is of Node 20's parser (measured on 20.20); later majors rewrote parts of it.
const NODE20 = process.versions.node.startsWith('20.');
describe.skipIf(!NODE20)(`Node's util.parseEnv vs our model${NODE20 ? '' : ` (skipped: the model is of Node 20, running ${process.versions.node})`}`, () => {
  it('agrees on every generated line', () => {
    fc.assert(
      fc.property(line, (l) => {
        expect(cleanOurs(ourMap(l, 'node'))).toEqual(clean(realNode(l)));
      }),
      { numRuns: RUNS, seed: 42 },
    );
  });
  it('agrees on generated files (multi-line and unterminated quotes, CRLF, comments, junk lines)', () => {
    fc.assert(
      fc.property(file, (f) => {
        expect(cleanOurs(ourMap(f, 'node'))).toEqual(clean(realNode(f)));
      }),
      { numRuns: RUNS, seed: 7 },
    );
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
