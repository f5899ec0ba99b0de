// decode() reads large non-ASCII UTF-8 through `transcode` (faster than V8's decoder there): the
// text must be exactly what `toString('utf8')` gives, at every size around the switch-over.
import { prng } from '@credlint/core/testing';
import { describe, expect, it } from 'vitest';
import { decode } from '../dist/scan/analyze.js';

const CHARS = ['a', 'Z', '0', ' ', '\n', '\r\n', '"', 'é', 'ß', '—', '“', '”', '日本', '✓', '😀', '𝔸', '\u2028', '\u00a0'];

describe('decode', () => {
  it('gives the same text as Buffer#toString for mostly-ASCII UTF-8 of every size, with and without a BOM', () => {
    const rand = prng(7);
    for (const size of [10, 1000, 32 * 1024 - 3, 32 * 1024, 40_000, 300_000]) {
      let text = '';
      while (text.length < size) text += rand() < 0.97 ? 'x'.repeat(1 + Math.floor(rand() * 40)) : (CHARS[Math.floor(rand() * CHARS.length)] ?? '');
      for (const bom of ['', '\ufeff']) {
        const bytes = Buffer.from(bom + text, 'utf8');
        const r = decode(bytes);
        expect(r.valid).toBe(true);
        expect(r.text === text, `size ${size}, bom ${bom !== ''}`).toBe(true);
      }
    }
  });

  it('still reads invalid UTF-8 as Latin-1', () => {
    const bytes = Buffer.concat([Buffer.from('x'.repeat(40_000)), Buffer.from([0xc3, 0x28])]);
    const r = decode(bytes);
    expect(r.valid).toBe(false);
    expect(r.text).toBe(bytes.toString('latin1'));
  });
});
