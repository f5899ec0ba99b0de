import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, print, type EnvEntry } from '../src/index.js';
import type { ParseWork } from '../src/parse.js';
import { file } from './helpers/gen.js';

const entry = (text: string, i = 0): EnvEntry => parse(text).nodes.filter((n): n is EnvEntry => n.type === 'entry')[i] as EnvEntry;

describe('parse/print is lossless', () => {
  it.each([
    ['empty', ''],
    ['no final newline', 'A=1'],
    ['CRLF', 'A=1\r\nB=2\r\n'],
    ['lone CR', 'A=1\rB=2\r'],
    ['BOM', '\ufeffA=1\n'],
    ['BOM only', '\ufeff'],
    ['blank lines with blanks', '\n  \n\t\nA=1\n\n'],
    ['multi-line value', 'A="x\ny"\nB=2'],
    ['unterminated quote', "A='x\nB=2\n"],
    ['invalid UTF-16 surrogate', 'A=\ud800x\n'],
  ])('%s', (_name, text) => {
    expect(print(parse(text))).toBe(text);
  });

  it('holds for generated files (any text, too)', () => {
    fc.assert(
      fc.property(fc.oneof(file, fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.constantFrom('A', '=', '"', "'", '`', '\\', '#', ' ', '\n', '\r', '\r\n', 'export '), { maxLength: 40 }).map((a) => a.join(''))), (text) => {
        const doc = parse(text);
        expect(print(doc)).toBe(text);
        // nodes tile the text: each starts where the previous ended (+ its line break)
        let pos = doc.bom ? 1 : 0;
        for (const n of doc.nodes) {
          expect(n.start).toBe(pos);
          expect(text.slice(n.start, n.end)).toBe(n.raw);
          pos = n.end + n.eol.length;
        }
        expect(pos).toBe(text.length);
      }),
      { numRuns: 3000, seed: 3 },
    );
  });
});

describe('structure', () => {
  it('records key, value and comment offsets', () => {
    const text = '  export KEY = "v a" # note \n';
    const e = entry(text);
    expect(e).toMatchObject({ key: 'KEY', exported: true, quote: 'double', line: 1, endLine: 1, eol: '\n' });
    expect(text.slice(e.keyStart, e.keyEnd)).toBe('KEY');
    expect(text.slice(e.valueStart, e.valueEnd)).toBe('"v a"');
    expect(text[e.equals]).toBe('=');
    expect(e.comment?.text).toBe('# note');
  });

  it('an unquoted value ends before a whitespace-preceded #', () => {
    const text = 'K=abc#def # c';
    const e = entry(text);
    expect(text.slice(e.valueStart, e.valueEnd)).toBe('abc#def');
    expect(e.comment?.text).toBe('# c');
  });

  it('a quoted value may span lines; an unclosed one stays on its line', () => {
    expect(entry('A="x\ny"\nB=1')).toMatchObject({ line: 1, endLine: 2, raw: 'A="x\ny"' });
    expect(entry("A='x\nB=1")).toMatchObject({ unterminated: true, raw: "A='x" });
  });

  it('comments, blanks and non-assignments are nodes too', () => {
    expect(parse('# c\n\nNOPE\nK x=1\n=v').nodes.map((n) => n.type)).toEqual(['comment', 'blank', 'error', 'error', 'error']);
  });
});

describe('values as each reader sees them', () => {
  // construct → dotenv, node, python, compose, docker, bash (measured; see differential.test.ts)
  const table: [string, Record<string, string | undefined>][] = [
    ['K="v"', { dotenv: 'v', node: 'v', python: 'v', compose: 'v', docker: '"v"', bash: 'v' }],
    ["K='v'", { dotenv: 'v', node: 'v', python: 'v', compose: 'v', docker: "'v'", bash: 'v' }],
    ['K = v', { dotenv: 'v', node: 'v', python: 'v', compose: 'v', docker: undefined, bash: undefined }],
    ['K=v   ', { dotenv: 'v', node: 'v', python: 'v', compose: 'v', docker: 'v   ', bash: 'v' }],
    ['K=v # c', { dotenv: 'v', node: 'v', python: 'v', compose: 'v', docker: 'v # c', bash: 'v' }],
    ['K=abc#def', { dotenv: 'abc', node: 'abc', python: 'abc#def', compose: 'abc#def', docker: 'abc#def', bash: 'abc#def' }],
    ['export K=v', { dotenv: 'v', node: 'v', python: 'v', compose: 'v', docker: undefined, bash: 'v' }],
    ['K="a\\"b"', { dotenv: 'a\\"b', node: 'a\\', python: 'a"b', compose: 'a"b', docker: '"a\\"b"', bash: 'a"b' }],
    ['K=a b', { dotenv: 'a b', node: 'a b', python: 'a b', compose: 'a b', docker: 'a b', bash: undefined }],
    ['K=v\r\n', { dotenv: 'v', node: 'v', python: 'v', compose: 'v', docker: 'v', bash: 'v\r' }],
  ];
  it.each(table)('%j', (line, expected) => {
    expect(entry(line).values).toEqual(expected);
  });

  it('interpolation: compose and python expand earlier names, dotenv and docker do not', () => {
    const e = entry('A=x\nB=${A}y', 1);
    expect(e.values).toMatchObject({ dotenv: '${A}y', node: '${A}y', python: 'xy', compose: 'xy', docker: '${A}y', bash: 'xy' });
  });

  it('bash command substitution is unknown, not guessed', () => {
    const e = entry('K=`whoami`');
    expect(e.unknown).toContain('bash');
    expect(e.values.bash).toBeUndefined();
  });
});

describe('linear time', () => {
  // Counts the characters parse hands to the readers (each linear in its input, reader-linear-time.test.ts)
  // and to the shell scanner: not a clock. Quadratic behaviour (re-reading the file per entry) would make
  // the count grow with the square of the lines.
  const make = (n: number) => Array.from({ length: n }, (_, i) => [`K${i} = "v a"  `, `export K${i}='x' # c`, `K${i}=abc#def`, `K${i}="open`, `# c ${i}`, `junk ${i}`, `export 'k${i}'=v`][i % 7]).join('\n');
  const work = (text: string): number => {
    const w: ParseWork = { chars: 0 };
    parse(text, { work: w });
    return w.chars;
  };
  it('parse: work ≤ C × length, and 8× the lines cost 8× the work (no more than the length grows)', () => {
    const small = make(1000);
    const big = make(8000);
    expect(work(small)).toBeLessThanOrEqual(12 * small.length);
    expect(work(big)).toBeLessThanOrEqual(12 * big.length);
    // the longer file's names have more digits: compare with the length ratio, not 8
    expect(work(big) / work(small)).toBeLessThanOrEqual(1.05 * (big.length / small.length));
  });
  it('an unterminated quote that swallows the rest of the file is read once, not once per line', () => {
    const text = `A="${'x\n'.repeat(50_000)}`;
    expect(work(text)).toBeLessThanOrEqual(12 * text.length);
  });
});
