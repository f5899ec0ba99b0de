import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSchema, SchemaError, validate } from '../src/index.js';
import { compileLinear, RegexSyntaxError } from '../src/internals.js';

/** Patterns in the syntax both engines share (and dotenv-linter's Rust `regex` too). */
const PATTERNS = [
  '^[a-z]+(-[a-z]+)*$',
  'a|b',
  'ab*c',
  '^\\d{2,3}$',
  '[^x]',
  '(?:ab)+',
  'x?y',
  '^$',
  'colou?r',
  '^(a|ab)(c|bcd)(d*)$',
  '(a+)+$',
  '^[A-Z_][A-Z0-9_]{0,5}$',
  '\\w+@\\w+\\.com',
  'a{3}',
  'a{2,}b',
  '[-a]',
  '[a-c-]z',
  '^.+$',
  '\\.',
  '(?<word>ab)c',
  '^(?:[0-9]{1,3}\\.){3}[0-9]{1,3}$',
  'b*?a',
  '\\S\\s\\S',
];
const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'x', 'y', 'r', 'o', 'u', 'l', '-', '_', '.', '@', '1', '2', '3', 'A', 'Z', ' ', '\n'), { maxLength: 14 }).map((a) => a.join(''));

describe('linear-time schema regex', () => {
  it.each(PATTERNS)('/%s/ matches exactly where JavaScript RegExp does', (p) => {
    const ours = compileLinear(p);
    const js = new RegExp(p);
    fc.assert(
      fc.property(text, (s) => {
        expect(ours.test(s)).toBe(js.test(s));
      }),
      { numRuns: 400, seed: 3 },
    );
  });

  it('work is bounded by (value length + 1) × program size, even for /(a+)+$/ (exponential for backtracking)', () => {
    for (const p of ['(a+)+$', '(a|aa)*c', '^(\\w+\\s?)*$', '(x+x+)+y']) {
      const re = compileLinear(p);
      for (const n of [1_000, 10_000, 100_000]) {
        const value = `${'a'.repeat(n)}!`;
        expect(re.test(value)).toBe(false);
        expect(re.lastSteps).toBeLessThanOrEqual((value.length + 1) * re.programSize * 2);
      }
    }
  });

  it.each([
    ['(a)\\1', 'backreferences'],
    ['(?=a)', 'look-around'],
    ['(?<!a)b', 'look-around'],
    ['(?i)abc', 'look-around, flags'],
    ['a{1001}', 'over 1000'],
    ['(a{1000}){1000}', 'too large'],
    ['(ab', 'missing `)`'],
    ['ab)', 'unmatched'],
    ['*a', 'nothing to repeat'],
    ['[a', 'unterminated'],
    ['[z-a]', 'invalid class range'],
    ['a\\', 'trailing backslash'],
    ['\\p{L}', 'not supported'],
  ])('/%s/ is refused (%s)', (p, words) => {
    expect(() => compileLinear(p)).toThrow(RegexSyntaxError);
    expect(() => compileLinear(p)).toThrow(words);
  });
});

describe('loadSchema', () => {
  const json = (entries: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ version: '1.0.0', ...extra, entries });
  it('reads dotenv-linter schemas and credlint extras', () => {
    const s = loadSchema(json({ A: { type: 'Integer', required: true }, B: {}, C: { type: 'AwsRegion' }, D: { enum: ['x'], max_length: 3 } }, { allow_other_keys: true }));
    expect(s.allowOtherKeys).toBe(true);
    expect(s.entries.get('A')).toMatchObject({ type: 'Integer', required: true });
    expect(s.entries.get('B')).toMatchObject({ type: 'String', required: false });
    expect(s.entries.get('D')).toMatchObject({ enum: ['x'], maxLength: 3 });
  });

  it.each([
    ['{"version":"1","entries":{"A":{},"A":{}}}', 'appears twice'],
    ['{"version":"1","entries":{"A":{"type":"String","type":"Integer"}}}', 'appears twice'],
    [json({ A: { type: 'int' } }), 'unknown type'],
    [json({ A: { typ: 'String' } }), 'unknown field'],
    [json({ A: { required: 'yes' } }), 'true or false'],
    [json({ A: { enum: [] } }), 'non-empty'],
    [json({ A: { max_length: -1 } }), 'whole number'],
    [json({ A: { regex: '(a)\\1' } }), 'backreferences'],
    ['{"entries":{}}', '"version"'],
    ['{"version":"1","entries":[]}', '"entries"'],
    ['[]', 'expected an object'],
    ['{', 'not valid JSON'],
  ])('%s is refused (%s)', (text, words) => {
    expect(() => loadSchema(text, 'schema.json')).toThrow(SchemaError);
    expect(() => loadSchema(text, 'schema.json')).toThrow(words);
  });

  it('"a" and "A" are different keys; the same key in two objects is fine', () => {
    expect(() => loadSchema('{"version":"1","entries":{"A":{"type":"String"},"a":{"type":"String"},"B":{"type":"String"}}}')).not.toThrow();
  });

  it('allow_other_keys lets names the schema does not list pass', () => {
    const strict = loadSchema(json({ A: {} }));
    const loose = loadSchema(json({ A: {} }, { allow_other_keys: true }));
    expect(validate('A=1\nB=2\n', { schema: strict }).map((d) => d.checkId)).toEqual(['schema']);
    expect(validate('A=1\nB=2\n', { schema: loose })).toEqual([]);
  });

  it('the value judged is what the dialect reads (docker keeps the quotes)', () => {
    const s = loadSchema(json({ PORT: { type: 'Integer' } }));
    expect(validate('PORT="80"\n', { schema: s, dialect: 'dotenv' })).toEqual([]);
    expect(validate('PORT="80"\n', { schema: s, dialect: 'docker', checks: { 'quoted-value': 'off' } }).map((d) => d.checkId)).toEqual(['schema']);
  });
});
