import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectValueShapes, unwrap } from '../src/doctor/environment.js';

// doctor's whitespace message found the trailing blanks with /\s+$/, quadratic on a long run of
// blanks followed by anything else (issue 10 item 15; the regex audit fails if it comes back).
// It now slices off raw.trimEnd(): the same characters, since trimEnd trims exactly \s.
const message = (raw: string): string => inspectValueShapes([{ key: 'AWS_REGION', raw, value: unwrap(raw) }])[0]?.message ?? '';

describe('doctor: trailing whitespace without /\\s+$/', () => {
  it('trimEnd and \\s agree on every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      expect(`x${ch}`.trimEnd() === 'x', `U+${c.toString(16)}`).toBe(/\s/.test(ch));
    }
  });

  it('the trailing part equals what /\\s+$/ found, on any string', () => {
    const unit = fc.constantFrom(' ', '\t', '\r', '\n', '\u00a0', '\ufeff', '\u2028', '\u3000', 'a', '"', '\u200b');
    fc.assert(
      fc.property(fc.string({ unit }), (raw) => {
        expect(raw.slice(raw.trimEnd().length)).toBe(/\s+$/.exec(raw)?.[0] ?? '');
      }),
      { numRuns: 2000 },
    );
  });

  it('the message names the trailing whitespace as before', () => {
    expect(message('us-east-1\r')).toContain('ends with a carriage return');
    expect(message('us-east-1   ')).toContain('ends with 3 spaces');
    expect(message(' us-east-1\t')).toMatch(/starts with a space.*ends with a tab/);
    expect(message('us-east-1')).toBe('');
  });
});
