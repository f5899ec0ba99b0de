import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unquoteLines } from '../src/readers/dotenv.js';

// dotenv (npm) strips quotes with this regex; our model must give exactly its result, in linear time.
const DOTENV_REGEX = /^(['"`])([\s\S]*)\1$/gm;
const reference = (v: string) => v.replace(DOTENV_REGEX, '$2');

describe('unquoteLines', () => {
  it('equals dotenv’s quote-stripping regex on any mix of quotes, line terminators and text', () => {
    const ch = fc.constantFrom("'", '"', '`', '\n', '\r', '\u2028', '\u2029', 'a', ' ', '\\');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 40 }).map((a) => a.join('')), (v) => {
        expect(unquoteLines(v)).toBe(reference(v));
      }),
      { numRuns: 20_000 },
    );
  });

  it('handles the shapes dotenv sees', () => {
    for (const v of ['"a"', "'a'", '`a`', '"a', '"a"\n"b"', '"multi\nline"', '"a"b"', '\'x\'\r\n\'y\'', '""', '"']) {
      expect(unquoteLines(v)).toBe(reference(v));
    }
  });

  it('is linear: a megabyte of quotes and line breaks in one pass', () => {
    // The regex backtracks over the rest of the value from every line start; the model looks once.
    const small = '"\n'.repeat(2_000) + 'x';
    expect(unquoteLines(small)).toBe(reference(small));
    const v = '"\n'.repeat(500_000) + 'x';
    const out = unquoteLines(v);
    // One match: the first quote to the last quote that ends a line.
    expect(out).toBe(v.slice(1, v.length - 3) + v.slice(v.length - 2));
  });
});
