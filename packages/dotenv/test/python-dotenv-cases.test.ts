/**
 * python-dotenv's own parser test cases (theskumar/python-dotenv tests/test_parser.py, `test_parse_stream`,
 * at 9292074): each input, and the names and values its expected bindings give (a binding without a value,
 * `no_value_var`, sets nothing a program can read, so it is left out). Our python model must give exactly
 * those, and, where Debian's python3-dotenv is installed, exactly what the real `dotenv_values` gives.
 */
import { describe, expect, it } from 'vitest';
import { ourMap } from './helpers/ours.js';
import { findPython, realPythonBatch, type VarMap } from './helpers/real-readers.js';

const CASES: [input: string, expected: VarMap][] = [
  ['', {}],
  ['a=b', { a: 'b' }],
  ["'a'=b", { a: 'b' }],
  ['[=b', { '[': 'b' }],
  [' a = b ', { a: 'b' }],
  ['export a=b', { a: 'b' }],
  [" export 'a'=b", { a: 'b' }],
  ['# a=b', {}],
  ['a=b#c', { a: 'b#c' }],
  ['a=b #c', { a: 'b' }],
  ['a=b\t#c', { a: 'b' }],
  ['a=b c', { a: 'b c' }],
  ['a=b\tc', { a: 'b\tc' }],
  ['a=b  c', { a: 'b  c' }],
  ['a=b\u00a0 c', { a: 'b\u00a0 c' }],
  ['a=b c ', { a: 'b c' }],
  ["a='b c '", { a: 'b c ' }],
  ['a="b c "', { a: 'b c ' }],
  ['export export_a=1', { export_a: '1' }],
  ['export port=8000', { port: '8000' }],
  ['a="b\nc"', { a: 'b\nc' }],
  ["a='b\nc'", { a: 'b\nc' }],
  ['a="b\\nc"', { a: 'b\nc' }],
  ["a='b\\nc'", { a: 'b\\nc' }],
  ['a="b\\"c"', { a: 'b"c' }],
  ["a='b\\'c'", { a: "b'c" }],
  ['a=à', { a: 'à' }],
  ['a="à"', { a: 'à' }],
  ['no_value_var', {}],
  ['a: b', {}],
  ['a=b\nc=d', { a: 'b', c: 'd' }],
  ['a=b\rc=d', { a: 'b', c: 'd' }],
  ['a=b\r\nc=d', { a: 'b', c: 'd' }],
  ['a=\nb=c', { a: '', b: 'c' }],
  ['\n\n', {}],
  ['a=b\n\n', { a: 'b' }],
  ['a=b\n\nc=d', { a: 'b', c: 'd' }],
  ['a="\nb=c', { b: 'c' }],
  ['# comment\na="b\nc"\nd=e\n', { a: 'b\nc', d: 'e' }],
  ['a=b\n# comment 1', { a: 'b' }],
  ['# comment 1\n# comment 2', {}],
  ['uglyKey[%$="S3cr3t_P4ssw#rD" #\na=b', { 'uglyKey[%$': 'S3cr3t_P4ssw#rD', a: 'b' }],
];

const py = findPython();
const withoutNone = (m: VarMap): VarMap => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== null));

describe("python-dotenv's test_parse_stream cases", () => {
  it.each(CASES.map(([input, expected], i) => [JSON.stringify(input), i, expected] as const))('%s: our python model reads what python-dotenv expects', (_name, i, expected) => {
    expect(ourMap(CASES[i]![0], 'python')).toEqual(expected);
  });

  it.skipIf('reason' in py)(`the real dotenv_values agrees with the expectations and the model on all ${CASES.length}`, () => {
    if ('reason' in py) return;
    const real = realPythonBatch(py.python, CASES.map(([input]) => input)).map(withoutNone);
    const disagreements = CASES.flatMap(([input, expected], i) => {
      const ours = ourMap(input, 'python');
      return JSON.stringify(real[i]) === JSON.stringify(expected) && JSON.stringify(ours) === JSON.stringify(expected) ? [] : [`${JSON.stringify(input)}: real ${JSON.stringify(real[i])}, ours ${JSON.stringify(ours)}`];
    });
    expect(disagreements).toEqual([]);
  });
});
