import { LineIndex } from '@credlint/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SequentialPositions } from '../dist/scan/positions.js';

describe('SequentialPositions agrees with core LineIndex', () => {
  it.each([
    ['empty', '', [0]],
    ['LF', 'ab\ncd\n', [0, 2, 3, 5, 6]],
    ['CRLF (inside the pair stays on the line)', 'ab\r\ncd', [1, 2, 3, 4, 6]],
    ['lone CR', 'a\rb\r\rc', [0, 1, 2, 3, 4, 5, 6]],
  ])('%s', (_name, text, offsets) => {
    const seq = new SequentialPositions(text);
    const index = new LineIndex(text);
    for (const o of offsets) expect(seq.positionAt(o)).toEqual(index.positionAt(o));
  });

  it('for any text and ascending offsets (property)', () => {
    const text = fc.array(fc.constantFrom('a', 'b', '\n', '\r', '\r\n', 'xyz'), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 20 }), (t, raw) => {
        const offsets = raw.map((n) => n % (t.length + 1)).sort((a, b) => a - b);
        const seq = new SequentialPositions(t);
        const index = new LineIndex(t);
        for (const o of offsets) expect(seq.positionAt(o)).toEqual(index.positionAt(o));
      }),
    );
  });

  it('refuses offsets that go backwards', () => {
    const seq = new SequentialPositions('a\nb\nc');
    seq.positionAt(4);
    expect(() => seq.positionAt(0)).toThrow(RangeError);
  });
});
