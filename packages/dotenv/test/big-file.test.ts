/**
 * A big file's diagnostics (a 260 KB `.env` of `x` lines gives ~130,000) used to overflow the call
 * stack through `push(...spread)` (issue 10 item 19): validate, fix and validateFile keep them all.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fix, validate, validateFile } from '../src/index.js';

const LINES = 140_000;
const big = 'x\n'.repeat(LINES);
const dir = mkdtempSync(join(tmpdir(), 'credlint-dotenv-big-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('~140,000 diagnostics in one file', () => {
  it('validate returns them all', () => {
    const d = validate(big);
    expect(d.length).toBe(LINES);
    expect(d.every((x) => x.checkId === 'invalid-key')).toBe(true);
  }, 120_000);

  it('fix applies what it can and reports the rest', () => {
    const r = fix(`A = 1\n${big}`);
    expect(r.output).toBe(`A=1\n${big}`);
    expect(r.fixed.map((d) => d.checkId)).toEqual(['space-around-equals']);
    expect(r.remaining.length).toBe(LINES);
  }, 120_000);

  it('validateFile (with --fix) writes the fix and keeps every diagnostic', async () => {
    const file = join(dir, 'big.env');
    writeFileSync(file, `A = 1\n${big}`);
    const r = await validateFile(file, { cwd: dir, fix: true, git: false });
    expect(r.error).toBeUndefined();
    expect(r.fixed).toBe(true);
    expect(r.diagnostics.filter((d) => d.checkId === 'invalid-key').length).toBe(LINES);
    expect(readFileSync(file, 'utf8')).toBe(`A=1\n${big}`);
  }, 120_000);
});
