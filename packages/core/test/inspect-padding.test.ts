import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutPadding } from '../src/inspect.js';
import { inspectSecretAccessKey, inspectSessionToken } from '../src/index.js';
import { fakeSecretAccessKey } from '../src/testing.js';

// inspect.ts strips `=` padding with a loop instead of the quadratic /=+$/ (issue 10 item 15;
// the regex audit in regex-audit.test.ts fails if the regex comes back). Same results:
describe('withoutPadding', () => {
  it('equals the old v.replace(/=+$/, "") on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('=', 'a', '+', '/', ' ', '\n', 'é') }), fc.string(), (s, t) => {
        expect(withoutPadding(s)).toBe(s.replace(/=+$/, ''));
        expect(withoutPadding(t)).toBe(t.replace(/=+$/, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('edge cases', () => {
    for (const s of ['', '=', '==', 'a=', 'a==b=', '=a', 'abc', '=\n=']) expect(withoutPadding(s)).toBe(s.replace(/=+$/, ''));
  });

  it('the inspectors still see padding and strip it before measuring', () => {
    // 99 characters and padding: too short once the padding is stripped.
    expect(inspectSessionToken(`${fakeSecretAccessKey(3).repeat(3).slice(0, 99)}==`).problems).toContain('length');
    expect(inspectSecretAccessKey(`${fakeSecretAccessKey(7)}==`).problems).toEqual(['padding']);
  });
});
