import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, print, type EnvEntry } from '../src/index.js';
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
  // Quadratic behaviour would make 8× the lines cost ~64×; allow generous noise on a shared machine.
  const make = (n: number) => Array.from({ length: n }, (_, i) => [`K${i} = "v a"  `, `export K${i}='x' # c`, `K${i}=abc#def`, `K${i}="open`, `# c ${i}`, `junk ${i}`][i % 6]).join('\n');
  const best = (f: () => void) => {
    let min = Infinity;
    for (let r = 0; r < 3; r++) {
      const s = performance.now();
      f();
      min = Math.min(min, performance.now() - s);
    }
    return min;
  };
  it('parse: 8× the lines cost well under 64× the time', () => {
    const small = make(1000);
    const big = make(8000);
    const ratio = best(() => parse(big)) / best(() => parse(small));
    expect(ratio).toBeLessThan(24);
  });
});
