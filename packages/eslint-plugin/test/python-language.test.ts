import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PyString } from '../src/languages/python/ast.js';
import { PythonLanguage } from '../src/languages/python/language.js';
import { parsePython } from '../src/languages/python/parse.js';
import { tokenize as tokenizePython } from '../src/languages/python/tokenizer.js';
import { LineStarts } from '../src/util/lines.js';

const strings = (src: string): PyString[] => parsePython(src).body.filter((n): n is PyString => n.type === 'PyString');

describe('python tokenizer: strings', () => {
  const cases: [string, string, string[]][] = [
    ['plain double', 'x = "ab"', ['"ab"']],
    ['plain single', "x = 'ab'", ["'ab'"]],
    ['escaped quote', String.raw`x = "a\"b"`, [String.raw`"a\"b"`]],
    ['raw with escaped quote', String.raw`x = r"a\"b"`, [String.raw`r"a\"b"`]],
    ['bytes and raw-bytes prefixes', `a = b'x'; c = Rb"y"`, [`b'x'`, `Rb"y"`]],
    ['triple quoted over lines', 'x = """a\n"b"\n"""', ['"""a\n"b"\n"""']],
    ['f-string with nested quotes (3.12)', `x = f"{d["k"]} and {y!r:>{w}}"`, [`f"{d["k"]} and {y!r:>{w}}"`]],
    ['f-string braces escaped', `x = f"{{literal}}"`, [`f"{{literal}}"`]],
    ['hash inside a string is not a comment', `x = "a # b"  # real`, [`"a # b"`]],
    ['name that is not a prefix', `bar"x"`, [`"x"`]],
    ['unterminated single-line string stops at the line end', `x = "abc\ny = 'd'`, [`"abc`, `'d'`]],
    ['unterminated triple string runs to the end', `x = '''abc\ndef`, [`'''abc\ndef`]],
    ['line continuation inside a string', 'x = "a\\\nb"', ['"a\\\nb"']],
  ];
  it.each(cases)('%s', (_name, src, expected) => {
    expect(strings(src).map((s) => src.slice(s.range[0], s.range[1]))).toEqual(expected);
  });

  it('marks f-strings with replacement fields as interpolated', () => {
    expect(strings(`a = f"x{y}"; b = f"x{{y}}"; c = "x{y}"`).map((s) => s.interpolated)).toEqual([true, false, false]);
  });

  it('reads comments with their text after #', () => {
    const mod = parsePython(`x = 1  # one\n# two\n"#not"`);
    expect(mod.body.filter((n) => n.type === 'PyComment').map((c) => (c as { value: string }).value)).toEqual([' one', ' two']);
  });
});

describe('python bindings: the name a string is given', () => {
  const cases: [string, string, Partial<NonNullable<PyString['binding']>> | undefined][] = [
    ['assignment', `secret = "v"`, { kind: 'assign', name: 'secret', static: true }],
    ['annotated assignment', `secret: str = "v"`, { kind: 'assign', name: 'secret' }],
    ['attribute assignment', `self.secret_key = "v"`, { kind: 'assign', name: 'secret_key' }],
    ['chained assignment', `a = b = "v"`, { kind: 'assign', name: 'b' }],
    ['keyword argument', `boto3.client("s3", aws_secret_access_key="v")`, { kind: 'keyword', name: 'aws_secret_access_key', callee: 'boto3.client' }],
    ['keyword argument over lines', `boto3.Session(\n    region_name="x",\n    aws_access_key_id="v",\n)`, { kind: 'keyword', name: 'aws_access_key_id', callee: 'boto3.Session' }],
    ['dict key', `creds = {"aws_access_key_id": "v"}`, { kind: 'dict', name: 'aws_access_key_id' }],
    ['os.environ assignment', `os.environ["AWS_SECRET_ACCESS_KEY"] = "v"`, { kind: 'subscript-assign', name: 'AWS_SECRET_ACCESS_KEY', container: 'os.environ' }],
    ['boto3.Session positional', `boto3.Session("a", "v")`, { kind: 'positional', name: 'aws_secret_access_key', index: 1 }],
    ['concatenation stays static', `k = "a" + "v"`, { kind: 'assign', name: 'k', static: true, strings: 2 }],
    ['a call is not static', `k = decode("v")`, undefined],
    ['an environment read is not static', `k = os.environ.get("X", "v")`, undefined],
    ['expression statement has no name', `print("v")`, { kind: 'positional', callee: 'print' }],
  ];
  it.each(cases)('%s', (_name, src, expected) => {
    const v = strings(src).find((s) => src.slice(s.contentRange[0], s.contentRange[1]) === 'v');
    expect(v).toBeDefined();
    if (expected === undefined) {
      // Inside a call the string belongs to that call's argument, not the assignment.
      expect(v!.binding?.kind ?? 'none').not.toBe('assign');
    } else {
      expect(v!.binding).toMatchObject(expected);
    }
  });

  it('value ranges cover the whole expression', () => {
    const src = `k = "a" + "b"\n`;
    const b = strings(src)[0]!.binding!;
    expect(src.slice(b.range[0], b.range[1])).toBe(`"a" + "b"`);
  });
});

describe('python language: never throws, exact locations (property)', () => {
  const alphabet = fc.constantFrom(...'ab_ x=:,()[]{}+.#\'"\\\nfrbuFRB{}0123\r\t\u00e9\ud83d\ude00'.split(''), '"""', "'''", 'f"', "rb'", '\r\n');
  const pythonish = fc.array(alphabet, { maxLength: 200 }).map((parts) => parts.join(''));
  const anyText = fc.oneof(pythonish, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }));

  it('tokens are ordered, in bounds and never overlap; nodes carry exact locations', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tokens = tokenizePython(text);
        let last = 0;
        for (const t of tokens) {
          expect(t.start).toBeGreaterThanOrEqual(last);
          expect(t.end).toBeGreaterThan(t.start);
          expect(t.end).toBeLessThanOrEqual(text.length);
          last = t.end;
        }
        const language = new PythonLanguage();
        const result = language.parse({ body: text, path: 'x.py', physicalPath: 'x.py', bom: false });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const lines = new LineStarts(text);
        for (const node of result.ast.body) {
          expect(node.loc.start).toEqual(lines.loc(node.range[0]));
          expect(node.loc.end).toEqual(lines.loc(node.range[1]));
        }
        const sc = language.createSourceCode({ body: text, path: 'x.py', physicalPath: 'x.py', bom: false }, result);
        for (const node of result.ast.body) expect(sc.getLocFromIndex(node.range[0])).toEqual(node.loc.start);
        expect([...sc.traverse()].length).toBe(2 * (result.ast.body.length + 1));
      }),
      { numRuns: 400 },
    );
  });
});
