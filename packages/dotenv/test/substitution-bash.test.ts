/**
 * `substitution-key` against real bash: what it reports as "bash fails" makes `set -a; . file` leave the
 * variable unset or stop reading the file; what it accepts bash reads, and goes on to the next line.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../src/index.js';
import { realBashBatch } from './helpers/real-readers.js';

const flagged = (text: string) => validate(text, { dialect: 'bash', checks: { 'substitution-key': true } }).some((d) => d.checkId === 'substitution-key');

describe('substitution-key agrees with bash', () => {
  const BASH_FAILS = ['${BAR', '${BAR!}', '${FOO${BAR}', '${BAR$XYZ}', '"${BAR"', 'x${}', '${1BAR}', '${BAR:-${X}', 'a${B C}'];
  const BASH_READS = ['${BAR}', '${BAR:-x}', '${ABC-$BAR}', '${A:-${B}}', '"${X:+y}"', "'${BAR'", '$BAR', 'pa$', '\\${BAR', '${A:=b}'];
  const cases = [...BASH_FAILS, ...BASH_READS].map((v) => `V=${v}\nAFTER=ok\n`);
  const real = realBashBatch(cases, ['V', 'AFTER']);

  it.each(BASH_FAILS.map((v, i) => [v, i] as const))('V=%s: reported, and bash leaves V unset or stops reading', (v, i) => {
    expect(flagged(cases[i] as string)).toBe(true);
    const r = real[i] ?? {};
    expect(r.V === undefined || r.AFTER === undefined, JSON.stringify(r)).toBe(true);
  });

  it.each(BASH_READS.map((v, i) => [v, i + BASH_FAILS.length] as const))('V=%s: not reported, and bash sets V and reads on', (v, i) => {
    expect(flagged(cases[i] as string)).toBe(false);
    const r = real[i] ?? {};
    expect(r.V, JSON.stringify(r)).toBeDefined();
    expect(r.AFTER).toBe('ok');
  });

  it('`$BAR}` is reported though bash reads it (a literal `}`): dotenv-linter flags it, and readers disagree', () => {
    expect(flagged('V=$BAR}\n')).toBe(true);
    expect(realBashBatch(['V=$BAR}\n'], ['V'])[0]?.V).toBe('}');
  });
});
