/**
 * The reader models' regexes, replaced by forward scanners where the regex backtracks (issue 10 item 15):
 * each scanner counts the characters it examines, and the count must stay under C × length on megabytes
 * of adversarial input, and double (not quadruple) when the input doubles. At small sizes the scanners
 * must give exactly what the regexes gave (same results, property-tested).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDotenv } from '../src/readers/dotenv.js';
import { readNode2215, readNode24, readNodeEarly, trimSpaces } from '../src/readers/node.js';
import { interpolatePython, stripUnquotedPython, type ScanWork } from '../src/readers/python.js';

const MB = 1 << 20;
const C = 6;

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

function linear(make: (n: number) => string, run: (text: string, work: ScanWork) => void): void {
  const steps = (n: number): { steps: number; length: number } => {
    const text = make(n);
    const work: ScanWork = { steps: 0 };
    run(text, work);
    return { steps: work.steps, length: text.length };
  };
  const a = steps(1 * MB);
  const b = steps(2 * MB);
  expect(a.steps).toBeGreaterThan(0);
  expect(a.steps).toBeLessThanOrEqual(C * a.length);
  expect(b.steps).toBeLessThanOrEqual(C * b.length);
  expect(b.steps).toBeLessThanOrEqual(2.05 * a.steps + 1000);
}

const env = new Map([['K', 'v']]);

describe('python-dotenv interpolation: linear', () => {
  it.each<[string, (n: number) => string]>([
    ['a line of ${ (the issue: 50 KB took 6 s)', (n) => fill('${', n)],
    ['${ with names and no }', (n) => fill('${abc', n)],
    ['${NAME:- with no }', (n) => fill('${A:-', n)],
    ['${NAME: without -', (n) => fill('${A:', n)],
    ['$ runs', (n) => fill('$', n)],
    ['many good references', (n) => fill('${K}x${Q:-d}', n)],
    ['one ${ then a megabyte of colons', (n) => `\${${fill(':', n)}`],
  ])('%s', (_name, make) => {
    linear(make, (text, work) => interpolatePython(text, env, work));
  });

  const REGEX = /\$\{([^}:]*)(?::-([^}]*))?\}/g;
  const reference = (v: string): string => v.replace(REGEX, (_m, name: string, def: string | undefined) => env.get(name) ?? def ?? '');
  it('gives what the regex gave', () => {
    const s = fc.array(fc.constantFrom('$', '{', '}', ':', '-', 'K', 'a', ' ', '${', '${K}', ':-'), { maxLength: 24 }).map((a) => a.join(''));
    fc.assert(fc.property(s, (v) => {
      expect(interpolatePython(v, env)).toBe(reference(v));
    }), { numRuns: 5000, seed: 15 });
  });
});

describe('python-dotenv unquoted value (comment and trailing blanks): linear', () => {
  it.each<[string, (n: number) => string]>([
    ['a long run of spaces then a letter', (n) => `a${' '.repeat(n)}b`],
    ['blank runs never followed by #', (n) => fill('x \t ', n)],
    ['# never after a blank', (n) => fill('a#', n)],
    ['blanks, then a comment', (n) => `${' '.repeat(n)} # c`],
  ])('%s', (_name, make) => {
    linear(make, (text, work) => stripUnquotedPython(text, work));
  });

  const reference = (v: string): string => v.replace(/\s+#.*/, '').replace(/\s+$/, '');
  it('gives what the regexes gave', () => {
    const s = fc.array(fc.constantFrom(' ', '\t', '#', 'a', '\u2028', '\u00a0', '\v', 'b'), { maxLength: 20 }).map((a) => a.join(''));
    fc.assert(fc.property(s, (v) => {
      expect(stripUnquotedPython(v)).toBe(reference(v));
    }), { numRuns: 5000, seed: 16 });
  });
});

describe('dotenv (npm) line regex: linear', () => {
  it.each<[string, (n: number) => string]>([
    ['blank lines (40,000 took 13 s)', (n) => '\n'.repeat(n)],
    ['lone CRs', (n) => '\r'.repeat(n)],
    ['blank lines with spaces', (n) => fill(' \t\n', n)],
    ['junk lines', (n) => fill('#x\n \n', n)],
    ['entries', (n) => fill('K=v\n\n  L = "w" # c\n', n)],
  ])('%s', (_name, make) => {
    linear(make, (text, work) => readDotenv(text, work));
  });

  // dotenv 17.4.2's own regex (lib/main.js), applied as dotenv applies it.
  const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;
  const reference = (src: string): { key: string; keyStart: number }[] => {
    const lines = src.replace(/\r\n?/g, '\n');
    const out: { key: string; keyStart: number }[] = [];
    for (const m of lines.matchAll(LINE)) out.push({ key: m[1] ?? '', keyStart: m.indices?.[1]?.[0] ?? 0 });
    return out;
  };
  it('finds the keys the regex found, at the same places', () => {
    const s = fc.array(fc.constantFrom('\n', ' ', '\t', 'K', '=', ':', ' ', '#', '"', "'", 'export ', 'v', '\u2028'), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(s, (src) => {
        expect(readDotenv(src).map(({ key, keyStart }) => ({ key, keyStart }))).toEqual(reference(src));
      }),
      { numRuns: 5000, seed: 17 },
    );
  });
});

describe("Node's value trim", () => {
  it('gives what /^ +| +$/g gave', () => {
    const s = fc.array(fc.constantFrom(' ', 'a', '\t'), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(fc.property(s, (v) => {
      expect(trimSpaces(v)).toBe(v.replace(/^ +| +$/g, ''));
    }), { numRuns: 3000, seed: 18 });
  });
  it('has no regex left to backtrack: 4 MB of inner spaces', () => {
    const v = `a${' '.repeat(4 * MB)}b`;
    expect(trimSpaces(`  ${v}  `)).toBe(v);
  });
});

describe("Node 20.19.0's and 22.15's parsers (readers/node-early.ts): linear, though they read the last line again after each `=`", () => {
  it.each<[string, (n: number) => string]>([
    ['many assignments', (n) => fill('K=v\n', n)],
    ['a last line of = (read again after each)', (n) => `K=${fill('a=', n)}`],
    ['a last line of = and quotes', (n) => `K=${fill("'a=", n)}`],
    ['closed quotes on the last line', (n) => fill("K='v'", n)],
    ['unterminated quotes, one a line', (n) => fill("K='x\n", n)],
    ['names of spaces after line breaks', (n) => fill('\n =x', n)],
    ['a last line of = and blanks', (n) => `K=${fill('a=\t ', n)}`],
    ['empty values before line breaks', (n) => fill('export K=\n\t\n', n)],
    ['comments', (n) => fill('# c=1\n', n)],
  ])('%s', (_name, make) => {
    linear(make, (text, work) => readNodeEarly(text, work));
    linear(make, (text, work) => readNode2215(text, work));
  });
});

describe("Node 24's parser (readers/node24.ts): linear", () => {
  it.each<[string, (n: number) => string]>([
    ['many assignments', (n) => fill('K=v\n', n)],
    ['unterminated quotes, one a line', (n) => fill("K='x\n", n)],
    ['quotes of every kind left open', (n) => fill('A="x\nB=`y\nC=\'z\n', n)],
    ['lines without =', (n) => fill('junk\n', n)],
    ['empty names', (n) => fill('=', n)],
    ['blanks after = before a break', (n) => fill('K= \t\n', n)],
    ['one long value without #', (n) => `K=${fill('a', n)}`],
    ['one long line of blanks then =', (n) => `${fill(' \t', n)}=v`],
    ['comments', (n) => fill('# c=1\n', n)],
  ])('%s', (_name, make) => {
    linear(make, (text, work) => readNode24(text, work));
  });
});
