import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, parse, type Dialect, type EnvEntry } from '../src/index.js';
import { readersOf } from '../src/internals.js';
import { meant } from '../src/context.js';
import { file } from './helpers/gen.js';

const DIALECTS: Dialect[] = ['portable', 'dotenv', 'node', 'docker', 'compose', 'bash', 'python'];

describe('fixer: golden cases', () => {
  it.each([
    ['portable', 'A="v"\nB = x\n# keep me  \n\nC=y   \nD="a b"\n', 'A=v\nB=x\n# keep me\n\nC=y\nD="a b"\n'],
    // CRLF: bash reads `y   \r` as a command; trimming would make it read `y\r` — a different wrong value: refused
    ['portable', 'C=y   \r\nD="v"\r\n', 'C=y   \r\nD=v\r\n'],
    ['docker', 'G="hello world" # comment\n', 'G="hello world" # comment\n'],
    ['docker', 'export A="a b"\nB= "x"  \n', 'A=a b\nB=x\n'],
    ['dotenv', 'A="v"\nB = x\n', 'A="v"\nB=x\n'],
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
