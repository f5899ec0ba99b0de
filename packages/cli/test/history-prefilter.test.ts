// The history scan's byte prefilter must never hide a finding core would report. It is core's own
// (@credlint/core/prefilter), whose exactness against analyze() packages/core/test/prefilter.test.ts proves.
import { mayHaveFindings as coreMayHaveFindings } from '@credlint/core/prefilter';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken, prng } from '@credlint/core/testing';
import { describe, expect, it } from 'vitest';
import { commonPrefix, commonSuffix, deltaMayHaveFindings } from '../dist/history/blobs.js';
import { mayHaveFindings, PREFILTER_REACH } from '../dist/history/prefilter.js';

describe('history prefilter', () => {
  it("is core's prefilter, whose exactness packages/core/test/prefilter.test.ts proves against analyze (account names only with accountId, as the configuration says)", () => {
    expect(mayHaveFindings).toBe(coreMayHaveFindings);
  });

  it('is false for text with no anchor, and Latin-1 bytes behave as their characters', () => {
    expect(mayHaveFindings(Buffer.from('const a = 1;\nfunction f() { return b; }\n'))).toBe(false);
    expect(mayHaveFindings(Buffer.from('caf\xe9 AKIA', 'latin1'))).toBe(true);
    // `ken` is an anchor only after `to`/`To`: the needles carry what their stream requires around them.
    expect(mayHaveFindings(Buffer.from('broken'))).toBe(false);
    // a name word counts only with something core could read as a value after it
    expect(mayHaveFindings(Buffer.from('a_token'))).toBe(false);
    expect(mayHaveFindings(Buffer.from(`a_token = "${fakeSessionToken(3)}"`))).toBe(true);
  });
});

// The delta test (blobs.ts deltaMayHaveFindings) must answer exactly what the whole test answers for
// a blob whose reference the whole test found negative: it only skips words whose PREFILTER_REACH
// window is a copy of the reference's (common prefix) or ends both texts alike (common suffix).
describe('history delta test', () => {
  const rand = prng(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const line = () =>
    pick([
      () => `const token${Math.floor(rand() * 1e4)} = getToken(x); // secret handling\n`,
      () => `aws_region_key = "${'k'.repeat(Math.floor(rand() * 39))}"\n`,
      () => `Secret:\n  ${'s'.repeat(Math.floor(rand() * 39))}\n`,
      () => `plain text ${rand().toString(36)}\n`,
      () => `sec-ret = ${fakeSecretAccessKey(Math.floor(rand() * 100))}\n`,
    ])();
  const text = (lines: number) => Array.from({ length: lines }, line).join('');
  /** An edit that may complete a name's value, add a key or just change bytes. */
  const edit = (old: string): string => {
    const at = Math.floor(rand() * (old.length + 1));
    const cut = Math.floor(rand() * 300);
    const insert = pick([
      () => '',
      () => line(),
      () => fakeAccessKeyId({ seed: Math.floor(rand() * 100) }),
      () => fakeSecretAccessKey(Math.floor(rand() * 100)).slice(0, 1 + Math.floor(rand() * 40)),
      () => 'c',
      () => '-',
      () => ' = ',
    ])();
    return old.slice(0, at) + insert + old.slice(at + cut);
  };

  it('common prefix and suffix lengths match a byte loop', () => {
    for (let t = 0; t < 300; t++) {
      const a = Buffer.from(text(1 + Math.floor(rand() * 80)));
      const b = Buffer.from(edit(a.toString()));
      const max = Math.min(a.length, b.length);
      let p = 0;
      while (p < max && a[p] === b[p]) p++;
      let s = 0;
      while (s < max && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
      expect(commonPrefix(a, b, max)).toBe(p);
      expect(commonSuffix(a, b, max)).toBe(s);
      expect(commonSuffix(a, b, max - p)).toBe(Math.min(s, max - p));
    }
  });

  it('answers what the whole test answers, for any edit of a negative reference', () => {
    let negatives = 0;
    let positives = 0;
    let spared = 0;
    for (let t = 0; t < 3000; t++) {
      const old = text(2 + Math.floor(rand() * 120));
      const oldBytes = Buffer.from(old);
      if (mayHaveFindings(oldBytes)) continue;
      let cur = old;
      for (let e = 1 + Math.floor(rand() * 3); e > 0; e--) cur = edit(cur);
      const curBytes = Buffer.from(cur);
      const whole = mayHaveFindings(curBytes);
      const delta = deltaMayHaveFindings(oldBytes, curBytes, false);
      expect(delta.may, JSON.stringify({ old, cur })).toBe(whole);
      expect(delta.tested).toBeLessThanOrEqual(curBytes.length);
      if (whole) positives++;
      else negatives++;
      spared += curBytes.length - delta.tested;
    }
    // Both answers occur, and the delta test spared bytes.
    expect(positives).toBeGreaterThan(100);
    expect(negatives).toBeGreaterThan(100);
    expect(spared).toBeGreaterThan(0);
  });

  it('tests a word in the common prefix whose value is in the change, and one whose value is in the common suffix', () => {
    const pad = 'x = 1\n'.repeat(2000);
    const secret = fakeSecretAccessKey(3);
    // The name is unchanged (in the common prefix); only its value is new.
    const before = `${pad}aws_secret_access_key = short\n${pad}`;
    const after = `${pad}aws_secret_access_key = ${secret}\n${pad}`;
    expect(mayHaveFindings(Buffer.from(before))).toBe(false);
    expect(deltaMayHaveFindings(Buffer.from(before), Buffer.from(after), false)).toMatchObject({ may: true });
    // The value is unchanged (in the common suffix); one deleted byte makes the name a name word.
    const hyphen = `${pad}sec-ret = ${secret}\n${pad}`;
    const named = `${pad}secret = ${secret}\n${pad}`;
    expect(mayHaveFindings(Buffer.from(hyphen))).toBe(false);
    expect(deltaMayHaveFindings(Buffer.from(hyphen), Buffer.from(named), false)).toMatchObject({ may: true });
    // A change far from any word tests only around itself.
    const far = `${pad}aws_secret_access_key = short\n${pad.replace('x = 1', 'y = 2')}`;
    const r = deltaMayHaveFindings(Buffer.from(before), Buffer.from(far), false);
    expect(r.may).toBe(false);
    expect(r.tested).toBeLessThan(PREFILTER_REACH + 8);
  });
});
