// The history scan's byte prefilter must never hide a finding core would report. It is core's own
// (@credlint/core/prefilter), whose exactness against analyze() packages/core/test/prefilter.test.ts proves.
import { mayHaveFindings as coreMayHaveFindings } from '@credlint/core/prefilter';
import { fakeSessionToken } from '@credlint/core/testing';
import { describe, expect, it } from 'vitest';
import { mayHaveFindings } from '../dist/history/prefilter.js';

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
