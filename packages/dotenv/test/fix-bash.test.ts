/**
 * The fixer never changes what bash reads for a line it did not mean to fix (issue 10 item 27): bash
 * joins lines the per-line model sees apart — a trailing `\`, a lone CR (bash breaks at LF only), a
 * quote left open — so generated files full of those shapes are fixed and both versions are sourced by
 * real bash: every variable bash set before is set after, to the same value or the one the author meant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entries, fix, parse, STYLE_CHECKS, type Dialect, type FixOptions } from '../src/index.js';
import { meant } from '../src/context.js';
import { BASH_KEYS, line } from './helpers/gen.js';
import { realBashBatch, type VarMap } from './helpers/real-readers.js';

const awkward = fc.constantFrom('K= \\', 'L=1 \\', 'A_1=x\\ ', 'K = \\', 'L="open', "A_1='open", 'K="a b', 'L = "x" \\', '\\', 'K=1\t\\');
const separator = fc.constantFrom('\n', '\n', '\r\n', '\r');

/** Lines with the shapes above, each followed by its own kind of line break. */
const shapeFile = fc
  .array(fc.tuple(fc.oneof({ weight: 3, arbitrary: line }, { weight: 2, arbitrary: awkward }), separator), { minLength: 2, maxLength: 6 })
  .chain((parts) => fc.boolean().map((final) => parts.map(([l, eol], i) => l + (i < parts.length - 1 || final ? eol : '')).join('')));

/** The values the author meant for each key (any of its entries: bash may run the later ones as commands). */
function meantByKey(text: string): Map<string, Set<string | undefined>> {
  const out = new Map<string, Set<string | undefined>>();
  for (const e of entries(parse(text))) out.set(e.key, (out.get(e.key) ?? new Set()).add(meant(e)));
  return out;
}

function check(dialect: Dialect, cases: string[], checks?: FixOptions['checks']): { text: string; output: string; key: string; before: string | null | undefined; after: string | null | undefined }[] {
  const outputs = cases.map((t) => fix(t, { dialect, ...(checks ? { checks } : {}) }).output);
  const changed = cases.map((t, i) => t !== outputs[i]);
  const idx = cases.flatMap((_, i) => (changed[i] ? [i] : []));
  const real = realBashBatch([...idx.map((i) => cases[i] as string), ...idx.map((i) => outputs[i] as string)], BASH_KEYS);
  const bad: ReturnType<typeof check> = [];
  idx.forEach((i, j) => {
    const before = real[j] as VarMap;
    const after = real[idx.length + j] as VarMap;
    const m = meantByKey(cases[i] as string);
    // set before: the same value after, or the one meant; newly set: only to a value meant
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const was = before[key];
      const now = after[key];
      if (now === was || (typeof now === 'string' && m.get(key)?.has(now))) continue;
      bad.push({ text: cases[i] as string, output: outputs[i] as string, key, before: was, after: now });
    }
  });
  return bad;
}

describe('fixer vs real bash', () => {
  it.each([
    ['K= \\\nL=x\n', 'a trailing backslash joins the next line: `K= L=x` sets L'],
    ['L="y"\rK = 3\n', 'a lone CR is not a line break for bash'],
    ['L="y"\r\nK = 3\r\n', 'CRLF'],
    ['K="x\nL = 1\n"\n', 'a quote open across lines'],
  ])('%j is left as bash reads it (%s)', (text) => {
    expect(check('portable', [text])).toEqual([]);
    expect(check('bash', [text])).toEqual([]);
  });

  it('the issue cases are not rewritten at all', () => {
    expect(fix('A= \\\nC=x\n').output).toBe('A= \\\nC=x\n');
    expect(fix('C="y"\rD = 3\n').output).toBe('C="y"\rD = 3\n');
  });

  it.each<Dialect>(['portable', 'bash'])('%s: generated files with trailing backslashes, lone CRs, CRLF and open quotes', (dialect) => {
    const cases = fc.sample(shapeFile, { numRuns: 1500, seed: 27 });
    expect(check(dialect, cases)).toEqual([]);
  }, 120_000);

  it.each<Dialect>(['portable', 'bash'])('%s: the same files, blank lines and lines out of order among them, with the style fixes on', (dialect) => {
    const withBlanks = fc.sample(
      fc.tuple(shapeFile, shapeFile, fc.constantFrom('\n\n\n', '\n\n', '\n')).map(([a, b, gap]) => a + gap + b),
      { numRuns: 1000, seed: 28 },
    );
    const styles = Object.fromEntries(STYLE_CHECKS.map((id) => [id, true]));
    expect(check(dialect, withBlanks, styles)).toEqual([]);
  }, 120_000);
});
