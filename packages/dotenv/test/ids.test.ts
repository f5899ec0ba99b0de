import { describe, expect, it } from 'vitest';
import { CHECK_IDS, checks, READERS } from '../src/index.js';
import { CHECK_ID_LIST, DIALECTS } from '../src/ids.js';

// The light id lists (`@credlint/dotenv/ids`, read by hosts that validate configuration without
// loading the validator) name exactly the registered checks and the dialects.
describe('@credlint/dotenv/ids', () => {
  it('CHECK_ID_LIST is every registered check', () => {
    expect([...CHECK_ID_LIST].sort()).toEqual([...CHECK_IDS].sort());
    expect(Object.keys(checks).sort()).toEqual([...CHECK_ID_LIST].sort());
  });

  it('DIALECTS is portable plus every reader', () => {
    expect([...DIALECTS].sort()).toEqual(['portable', ...READERS].sort());
  });
});
