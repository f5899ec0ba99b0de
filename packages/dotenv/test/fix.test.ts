import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIALECTS, fix, parse, type Dialect, type EnvEntry } from '../src/index.js';
import { readersOf } from '../src/internals.js';
import { meant } from '../src/context.js';
import { parseWork } from '../src/parse.js';
import { file } from './helpers/gen.js';


describe('fixer: golden cases', () => {
  it.each([
    ['portable', 'A="v"\nB = x\n# keep me  \n\nC=y   \nD="a b"\n', 'A=v\nB=x\n# keep me\n\nC=y\nD="a b"\n'],
    // CRLF: bash reads `y   \r` as a command; trimming would make it read `y\r` — a different wrong value: refused
    ['portable', 'C=y   \r\nD="v"\r\n', 'C=y   \r\nD=v\r\n'],
    ['docker', 'G="hello world" # comment\n', 'G="hello world" # comment\n'],
    ['docker', 'export A="a b"\nB= "x"  \n', 'A=a b\nB=x\n'],
    ['dotenv', 'A="v"\nB = x\nC=y  \n', 'A="v"\nB = x\nC=y\n'],
    ['bash', 'export A = "v"', 'export A="v"'],
  ] as const)('%s', (dialect, input, output) => {
    expect(fix(input, { dialect }).output).toBe(output);
  });

  it('reports what it could not fix', () => {
    const r = fix('K=abc#def\nL="unterminated\n');
    expect(r.changed).toBe(false);
    expect(r.remaining.map((d) => d.checkId).sort()).toEqual(['unquoted-hash', 'unterminated-quote']);
  });
});

describe('fixer: golden files (test/fixtures/fix/<name>.env → <name>.<dialect>.fixed)', () => {
  const dir = new URL('./fixtures/fix/', import.meta.url);
  const goldens = readdirSync(dir).filter((f) => f.endsWith('.fixed'));
  it.each(goldens)('%s', (golden) => {
    const [name, dialect] = golden.split('.') as [string, Dialect];
    const input = readFileSync(new URL(`${name}.env`, dir), 'utf8');
    const { output } = fix(input, { dialect });
    expect(output).toBe(readFileSync(new URL(golden, dir), 'utf8'));
    expect(fix(output, { dialect }).output).toBe(output);
  });
});

/** Entries in the same order: the fixer never adds, removes or reorders nodes. */
function entriesOf(text: string): EnvEntry[] {
  return parse(text).nodes.filter((n): n is EnvEntry => n.type === 'entry');
}

describe('fixer laws (property tests)', () => {
  it.each(DIALECTS)('%s: meaning kept, only fixed spans change, idempotent', (dialect) => {
    const readers = readersOf(dialect);
    fc.assert(
      fc.property(file, (text) => {
        const { output } = fix(text, { dialect });
        const before = parse(text);
        const after = parse(output);
        // same nodes, same kinds, same line breaks; comments and blank lines only lose trailing blanks
        expect(after.nodes.map((n) => n.type)).toEqual(before.nodes.map((n) => n.type));
        expect(after.nodes.map((n) => n.eol)).toEqual(before.nodes.map((n) => n.eol));
        before.nodes.forEach((n, i) => {
          const m = after.nodes[i];
          if (!m) throw new Error('node lost');
          // comments and blank lines lose at most their trailing blanks; error lines are left alone
          if (n.type === 'error') expect(m.raw).toBe(n.raw);
          if (n.type === 'comment' || n.type === 'blank') expect([n.raw, n.raw.replace(/[ \t]+$/, '')]).toContain(m.raw);
        });
        // every changed entry reads, for each reader of the dialect, as meant — or as before
        const eb = entriesOf(text);
        const ea = entriesOf(output);
        expect(ea.map((e) => e.key)).toEqual(eb.map((e) => e.key));
        eb.forEach((e, i) => {
          const f = ea[i] as EnvEntry;
          // a reader that read the value as meant still does; one that misread it reads it as meant now,
          // or exactly as before — never a different wrong value
          const m = meant(e);
          for (const r of readers) {
            if (e.unknown?.includes(r)) continue;
            if (m !== undefined && e.values[r] === m) expect(f.values[r]).toBe(m);
            else if (f.values[r] !== m) expect(f.values[r]).toBe(e.values[r]);
          }
        });
        // idempotent
        expect(fix(output, { dialect }).output).toBe(output);
      }),
      { numRuns: 800, seed: 5 },
    );
  });
});

const STYLE_ON = { 'unordered-key': true, 'lowercase-key': true, 'extra-blank-line': true, 'ending-blank-line': true, 'key-without-value': true, 'substitution-key': true } as const;

describe('style fixes: golden cases', () => {
  it.each([
    ['sorts a group; comments move with the entry below them', 'portable', '# db\nDB=1\n# app\nAPP=2\n\nZ=1\nY=2\n', '# app\nAPP=2\n# db\nDB=1\n\nY=2\nZ=1\n'],
    ['drops extra blank lines, adds the final line break in the file\'s style', 'dotenv', 'A=1\r\n\r\n\r\n\r\nB=2', 'A=1\r\n\r\nB=2\r\n'],
    ['gives a lone name its `=` (and then sorts)', 'bash', 'FOO\nexport BAR\n', 'export BAR=\nFOO=\n'],
    ['no final line break for bash in a CRLF file: bash would read `2\\r`', 'portable', 'A=1\r\nB=2', 'A=1\r\nB=2'],
    ['leaves a group with a `$` value unsorted', 'portable', 'B=1\nA=$B\nC=${Q}\n', 'B=1\nA=$B\nC=${Q}\n'],
    ['leaves a name that a later line reads', 'portable', 'FOO\nBAR=${FOO}x\n', 'FOO\nBAR=${FOO}x\n'],
    ['leaves the last line without a break when a quote is open', 'dotenv', 'A="x', 'A="x'],
  ] as const)('%s', (_name, dialect, input, output) => {
    const r = fix(input, { dialect, checks: STYLE_ON });
    expect(r.output).toBe(output);
    expect(fix(r.output, { dialect, checks: STYLE_ON }).output).toBe(r.output);
  });

  it('opt-in fixes do not run unless their check is on', () => {
    expect(fix('B=1\nA=2\n\n\nFOO').output).toBe('B=1\nA=2\n\n\nFOO');
  });
});

/** Per name, what each reader ends with (the last assignment wins), and the meant value. */
function finalByKey(text: string, dialect: Dialect): Map<string, { meant: string | undefined; values: (string | undefined)[]; unknown: boolean[] }> {
  const readers = readersOf(dialect);
  const out = new Map<string, { meant: string | undefined; values: (string | undefined)[]; unknown: boolean[] }>();
  for (const e of entriesOf(text)) out.set(e.key, { meant: meant(e), values: readers.map((r) => e.values[r]), unknown: readers.map((r) => e.unknown?.includes(r) === true) });
  return out;
}

describe('fixer laws with the style checks on (property tests)', () => {
  it.each(DIALECTS)('%s: every name keeps its meaning, comments and error lines survive, idempotent', (dialect) => {
    fc.assert(
      fc.property(file, (text) => {
        const { output } = fix(text, { dialect, checks: STYLE_ON });
        const before = finalByKey(text, dialect);
        const after = finalByKey(output, dialect);
        for (const [key, b] of before) {
          const a = after.get(key);
          expect(a, key).toBeDefined();
          if (!a) continue;
          expect(a.meant).toBe(b.meant);
          b.values.forEach((v, i) => {
            if (b.unknown[i]) return;
            if (b.meant !== undefined && v === b.meant) expect(a.values[i]).toBe(b.meant);
            else if (a.values[i] !== b.meant) expect(a.values[i]).toBe(v);
          });
        }
        // new names only from `NAME` → `NAME=`, and then empty
        const lone = new Set(parse(text).nodes.filter((n) => n.type === 'error').map((n) => n.raw.trim().replace(/^export[ \t]+/, '')));
        for (const [key, a] of after) if (!before.has(key)) {
          expect(lone.has(key), key).toBe(true);
          expect(a.meant).toBe('');
        }
        // comments survive (at most losing trailing blanks); error lines survive or gained their `=`
        const comments = (t: string) => parse(t).nodes.filter((n) => n.type === 'comment').map((n) => n.raw.replace(/[ \t]+$/, '')).sort();
        expect(comments(output)).toEqual(comments(text));
        const errorsAfter = parse(output).nodes.filter((n) => n.type === 'error').map((n) => n.raw);
        const errorsBefore = parse(text).nodes.filter((n) => n.type === 'error').map((n) => n.raw);
        for (const e of errorsAfter) expect(errorsBefore).toContain(e);
        // never more blank lines
        const blanks = (t: string) => parse(t).nodes.filter((n) => n.type === 'blank').length;
        expect(blanks(output)).toBeLessThanOrEqual(blanks(text));
        expect(fix(output, { dialect, checks: STYLE_ON }).output).toBe(output);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('fix work is linear in the file (characters parsed, not time)', () => {
  const make = (n: number) => Array.from({ length: n }, (_, i) => (i % 5 === 0 ? `K${(n - i) % 997}_${i} = "v${i}"` : i % 13 === 0 ? '\n' : i % 17 === 0 ? `LONE${i}` : `Z${n - i}=v`)).join('\n');
  it('--fix with every style check on parses a bounded multiple of the file, at 2,000 and 20,000 lines alike', () => {
    const ratio = (n: number) => {
      const text = make(n);
      const start = parseWork.chars;
      const r = fix(text, { checks: STYLE_ON });
      expect(r.changed).toBe(true);
      return (parseWork.chars - start) / text.length;
    };
    const small = ratio(2_000);
    const big = ratio(20_000);
    expect(big).toBeLessThan(80);
    expect(big).toBeLessThan(small * 1.5);
  }, 120_000);
});

describe('fix work: each text is parsed once, and a pass the law rejects costs a few re-reads, not one per edit', () => {
  // every line some check fixes or reports: quotes, blanks around `=`, trailing blanks, `export`, lone
  // names, lowercase names, blank runs, substitutions; unsorted throughout
  const lines = (n: number, from = 0) =>
    Array.from({ length: n }, (_, j) => {
      const i = from + j;
      const k = `K${(i * 7919) % 100_003}_${i}`;
      return [`${k} = "v ${i}"`, `${k}=v${i}   `, `export ${k}=v`, `${k.toLowerCase()}=v`, k, '', `${k}=\${A${i}}`, `${k}='x${i}'`, `# c ${i}`, `${k}=v`][
        i % 10
      ];
    });
  /** Characters parsed by one fix, in units of the file's length. */
  const parsedPerFile = (text: string, dialect: Dialect) => {
    const start = parseWork.chars;
    const r = fix(text, { dialect, checks: STYLE_ON });
    expect(r.changed).toBe(true);
    return (parseWork.chars - start) / text.length;
  };
  it.each(['portable'] as const)(
    '%s: every style check on, 2,500 and 10,000 lines: the same handful of whole-file reads',
    (dialect) => {
      // other names at each size: the per-entry re-read cache must not carry over
      const ratio = (n: number) => parsedPerFile(`${lines(n, n * 100).join('\n')}\n\n`, dialect);
      const small = ratio(2_500);
      const big = ratio(10_000);
      // one parse per text the fix goes through (4 here) and the checks' re-reads of single entries
      expect(big).toBeLessThan(8);
      expect(big).toBeLessThan(small * 1.25);
    },
    120_000,
  );
  it.each(['portable', 'bash'] as const)(
    '%s: a quote left open mid-file (the law rejects edits after it) at 2,500 and 10,000 lines',
    (dialect) => {
      // was one whole-file re-read per edit once the first pass broke the law: 400 reads of a 2,000-line file
      const ratio = (n: number) => parsedPerFile(`${[...lines(n / 2, n * 100), 'OPEN="never closed', ...lines(n / 2, n * 100 + n / 2)].join('\n')}\n`, dialect);
      const small = ratio(2_500);
      const big = ratio(10_000);
      expect(big).toBeLessThan(40);
      expect(big).toBeLessThan(small * 1.5);
    },
    120_000,
  );
});

describe('unordered-key fix on files of distinct names (property)', () => {
  const NAMES = ['ZED', 'ALPHA', 'b_low', 'MID', 'A1', '_X', 'Q', 'apple'];
  const val = fc.constantFrom('1', 'x y', '"q"', "'s'", '${ALPHA}', '$Q', 'a#b', '', '"a\\"b"', '`t`');
  const extra = fc.constantFrom('', '# note', '', '   ');
  const distinct = fc
    .tuple(fc.shuffledSubarray(NAMES, { minLength: 2 }), fc.array(val, { minLength: 8, maxLength: 8 }), fc.array(extra, { minLength: 8, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([names, vals, extras, eol, final]) => names.flatMap((n, i) => [extras[i] as string, `${n}=${vals[i]}`]).filter((l, i) => i % 2 === 1 || l !== '').join(eol) + (final ? eol : ''));

  it.each(DIALECTS)('%s: a sorted group reads the same for every reader; names in groups come out sorted when fixed', (dialect) => {
    fc.assert(
      fc.property(distinct, (text) => {
        const { output } = fix(text, { dialect, checks: { 'unordered-key': true } });
        const before = finalByKey(text, dialect);
        const after = finalByKey(output, dialect);
        expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
        for (const [key, b] of before) {
          const a = after.get(key);
          expect(a?.meant).toBe(b.meant);
          b.values.forEach((v, i) => {
            if (b.unknown[i]) return;
            if (b.meant !== undefined && v === b.meant) expect(a?.values[i]).toBe(b.meant);
            else if (a?.values[i] !== b.meant) expect(a?.values[i]).toBe(v);
          });
        }
        // the same names and comments, maybe in another order (the format fixes may also rewrite a line)
        const shape = (t: string) => parse(t).nodes.map((n) => (n.type === 'entry' ? n.key : n.type === 'comment' ? n.raw.trim() : n.type)).filter((x) => x !== 'blank').sort();
        expect(shape(output)).toEqual(shape(text));
        expect(fix(output, { dialect, checks: { 'unordered-key': true } }).output).toBe(output);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('sorts when it can (the generator is not vacuous)', () => {
    const samples = fc.sample(distinct, { numRuns: 300, seed: 11 });
    const sorted = samples.filter((t) => fix(t, { dialect: 'dotenv', checks: { 'unordered-key': true } }).output !== t);
    expect(sorted.length).toBeGreaterThan(30);
  });
});
