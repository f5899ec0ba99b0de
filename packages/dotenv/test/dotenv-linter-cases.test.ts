/**
 * The style checks against dotenv-linter's own test cases (dotenv-analyzer/src/check/*.rs, v4): each case is
 * a file of lines, with the lines dotenv-linter reports. Where credlint differs on purpose the case says so
 * and why; the agreement count is asserted so that a change shows up here.
 */
import { describe, expect, it } from 'vitest';
import { validate, type CheckId } from '../src/index.js';

/** [line, dotenv-linter reports it] */
type Case = { check: CheckId; lines: [string, boolean][]; text?: string; differs?: { line: number; ours: boolean; why: string }[]; messages?: Record<number, string> };

const CASES: Case[] = [
  // substitution_key.rs
  { check: 'substitution-key', lines: [['ABC=$BAR', false], ['FOO=${BAR}', false], ['FOO="$BAR"', false]] },
  { check: 'substitution-key', lines: [['ABC=${BAR', true], ['FOO=${BAR!}', true], ['XYZ=$BAR}', true]] },
  { check: 'substitution-key', lines: [['ABC=${BAR}$XYZ', false], ['FOO=$ABC{${BAR}', false], ['BIZ=$FOO-$ABC', false]] },
  {
    check: 'substitution-key',
    lines: [['ABC=${BAR$XYZ}', true], ['FOO=${ABC-$BAR}', true], ['XYZ=${FOO${BAR}', true]],
    differs: [{ line: 2, ours: false, why: '`${ABC-$BAR}` is bash\'s "default" operator: bash, python-dotenv and Compose read it' }],
  },
  { check: 'substitution-key', lines: [['ABC=\\${BAR', false], ['FOO=\\$BAR}', false], ['FOO="\\${BAR"', false], ['FOO="\\$BAR}', false]] },
  // unordered_key.rs
  { check: 'unordered-key', lines: [['', false]] },
  { check: 'unordered-key', lines: [['', false], ['', false]] },
  { check: 'unordered-key', lines: [['FOO=BAR', false], ['BAR=FOO', true]], messages: { 2: 'The BAR key should go before the FOO key.' } },
  { check: 'unordered-key', lines: [['FOO=BAR', false], ['BAR=FOO', true], ['ABC=BAR', true]], messages: { 3: 'The ABC key should go before the BAR key.' } },
  { check: 'unordered-key', lines: [['FOO=BAR', false], ['BAR=FOO', true], ['DDD=BAR', true]], messages: { 3: 'The DDD key should go before the FOO key.' } },
  { check: 'unordered-key', lines: [['FOO=BAR', false], ['BAR=FOO', true], ['DDD=BAR', true], ['ZOO=BAR', false]] },
  { check: 'unordered-key', lines: [['FOO=BAR', false], ['', false], ['BAR=FOO', false]] },
  {
    check: 'unordered-key',
    lines: [['FOO=BAR', false], ['# dotenv-linter:off LowercaseKey', false], ['Bar=FOO', false]],
    differs: [{ line: 3, ours: true, why: 'credlint has no comment directives in .env files: a comment does not end a group' }],
  },
  { check: 'unordered-key', lines: [['ABC=XYZ', false], ['KEY=VALUE', false], ['FOO=$KEY # Unordered, FOO uses KEY', false], ['BAR=FOO', false], ['BOO=$FOO', false], ['XYZ=ABC', false]] },
  {
    check: 'unordered-key',
    lines: [['BBB=XYZ', false], ['HHH=VAL', false], ['ZZZ=VALUE', false], ['CCC=$NNN$HHH # Unordered, CCC uses HHH', false], ['BAR=FOOD', false], ['BIG=FOOT', false], ['WWW=$XYZ$TTT', false], ['YYY=FOO', false], ['BOO=$BAR$BBB$ZZZ # Unordered, BOO uses BAR', false], ['TTT=BIG', false], ['XYZ=G', false]],
  },
  {
    check: 'unordered-key',
    lines: [['HHH=VAL', false], ['ZZZ=VALUE', false], ['BBB=$XYZ', true], ['CCC=$HHH # Unordered, CCC uses HHH', false], ['TTT=BIG', false], ['XYZ=G', false], ['GGG=JJJ', true], ['AAA=$ZZZ', true], ['MMM=$GGG$ZZZ # Unordered, MMM uses GGG', false]],
    messages: { 3: 'The BBB key should go before the HHH key.', 7: 'The GGG key should go before the TTT key.', 8: 'The AAA key should go before the GGG key.' },
  },
  // extra_blank_line.rs
  { check: 'extra-blank-line', lines: [['A=B', false], ['C=D', false]] },
  { check: 'extra-blank-line', lines: [['A=B', false], ['', false], ['C=D', false]] },
  { check: 'extra-blank-line', lines: [['A=B', false], ['', false], ['', true], ['C=D', false]] },
  { check: 'extra-blank-line', lines: [['A=B', false], ['', false], ['', true], ['', true], ['C=D', false]] },
  // ending_blank_line.rs (whole texts)
  { check: 'ending-blank-line', text: '\n', lines: [['', false]] },
  { check: 'ending-blank-line', text: '\r\n', lines: [['', false]] },
  { check: 'ending-blank-line', text: 'a', lines: [['a', true]] },
  // key_without_value.rs
  { check: 'key-without-value', lines: [['FOO=BAR', false]] },
  { check: 'key-without-value', lines: [['', false]] },
  { check: 'key-without-value', lines: [['FOO=', false]] },
  { check: 'key-without-value', lines: [['FOO', true]] },
  // lowercase_key.rs
  { check: 'lowercase-key', lines: [['FOO=BAR', false]] },
  { check: 'lowercase-key', lines: [['export FOO=BAR', false]] },
  { check: 'lowercase-key', lines: [['foo_bar=FOOBAR', true]] },
  { check: 'lowercase-key', lines: [['FOo_BAR=FOOBAR', true]] },
];

describe("dotenv-linter's test cases", () => {
  let lines = 0;
  let agree = 0;
  it.each(CASES.map((c, i) => [`${c.check} #${i}: ${JSON.stringify(c.text ?? c.lines.map((l) => l[0]).join('\\n'))}`, c] as const))('%s', (_name, c) => {
    const text = c.text ?? `${c.lines.map((l) => l[0]).join('\n')}\n`;
    const diags = validate(text, { dialect: 'dotenv', checks: { [c.check]: true } }).filter((d) => d.checkId === c.check);
    const flagged = new Set(diags.map((d) => d.line));
    c.lines.forEach(([, theirs], k) => {
      const line = k + 1;
      const differ = c.differs?.find((d) => d.line === line);
      const expected = differ ? differ.ours : theirs;
      expect(flagged.has(line), `line ${line}${differ ? ` (differs on purpose: ${differ.why})` : ''}`).toBe(expected);
      lines++;
      if (flagged.has(line) === theirs) agree++;
    });
    for (const [line, message] of Object.entries(c.messages ?? {})) expect(diags.find((d) => d.line === Number(line))?.message).toBe(message);
  });

  it('agreement: every line but the two documented differences', () => {
    expect({ lines, agree }).toEqual({ lines: 88, agree: 86 });
  });
});
