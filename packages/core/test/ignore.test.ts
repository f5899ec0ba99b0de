import { describe, expect, it } from 'vitest';
import { analyze, LineIndex } from '../src/index.js';
import { parseIgnoreDirective } from '../src/internals.js';
import { fill, ID, SECRET } from './helpers.js';

describe('inline ignores: reported as ignored, never lost', () => {
  const sameLine: [string, string][] = [
    ['// (JS, TS, Go, Java)', "const k = '{ID}'; // credlint-ignore"],
    ['# (Python, shell, YAML, TOML, INI, Dockerfile, Terraform)', 'AWS_ACCESS_KEY_ID={ID} # credlint-ignore'],
    ['/* */', "const k = '{ID}'; /* credlint-ignore */"],
    ['<!-- --> (Markdown, HTML, XML)', '<key>{ID}</key> <!-- credlint-ignore -->'],
    ['-- (SQL, Lua, Haskell)', "select '{ID}'; -- credlint-ignore"],
    ['; (INI, Lisp)', 'key={ID} ; credlint-ignore'],
    ['directive before the value', '/* credlint-ignore */ k = "{ID}"'],
    ['with a reason', "k = '{ID}' // credlint-ignore -- test fixture, revoked"],
  ];
  it.each(sameLine)('credlint-ignore on the line: %s', (_name, template) => {
    const r = analyze(fill(template));
    expect(r.findings).toEqual([]);
    expect(r.ignored).toHaveLength(1);
    expect(r.ignored[0]).toMatchObject({ kind: 'access-key-id', ignored: { line: 1, directive: 'credlint-ignore' } });
  });

  const nextLine: [string, string][] = [
    ['//', "// credlint-ignore-next-line\nconst k = '{ID}';"],
    ['#', '# credlint-ignore-next-line\nAWS_ACCESS_KEY_ID={ID}'],
    ['/* */', "/* credlint-ignore-next-line */\nconst k = '{ID}';"],
    ['<!-- -->', '<!-- credlint-ignore-next-line -->\n{ID}'],
    ['--', '-- credlint-ignore-next-line\n{ID}'],
    ['indented, CRLF', "  // credlint-ignore-next-line\r\n  const k = '{ID}';\r\n"],
  ];
  it.each(nextLine)('credlint-ignore-next-line above: %s', (_name, template) => {
    const r = analyze(fill(template));
    expect(r.findings).toEqual([]);
    expect(r.ignored[0]?.ignored).toEqual({ line: 1, directive: 'credlint-ignore-next-line' });
  });

  it('next-line covers only the next line', () => {
    const r = analyze(`// credlint-ignore-next-line\n'${ID}'\n'${ID}'`);
    expect([r.findings.length, r.ignored.length]).toEqual([1, 1]);
  });

  it('credlint-ignore covers only its own line', () => {
    const r = analyze(`'${ID}' // credlint-ignore\n'${ID}'`);
    expect([r.findings.length, r.ignored.length]).toEqual([1, 1]);
  });

  it('credlint-ignore-next-line does not silence its own line', () => {
    const r = analyze(`'${ID}' // credlint-ignore-next-line`);
    expect([r.findings.length, r.ignored.length]).toEqual([1, 0]);
  });

  it('limited to a rule id or kind: other findings on the line stay', () => {
    const text = `new AWS.Credentials('${ID}', '${SECRET}') // credlint-ignore aws-secret-access-key`;
    const r = analyze(text);
    expect(r.findings.map((f) => f.kind)).toEqual(['access-key-id']);
    expect(r.ignored.map((f) => f.kind)).toEqual(['secret-access-key']);
    const byKind = analyze(`new AWS.Credentials('${ID}', '${SECRET}') // credlint-ignore access-key-id`);
    expect(byKind.findings.map((f) => f.kind)).toEqual(['secret-access-key']);
  });

  it('a limited same-line directive does not hide a next-line directive for another rule', () => {
    const text = `// credlint-ignore-next-line aws-access-key-id\nnew AWS.Credentials('${ID}', '${SECRET}') // credlint-ignore aws-secret-access-key`;
    const r = analyze(text);
    expect(r.findings).toEqual([]);
    expect(r.ignored.map((f) => f.ignored?.directive)).toEqual(['credlint-ignore-next-line', 'credlint-ignore']);
  });

  it('many findings on one line with one directive are all ignored', () => {
    const r = analyze(`${`"${ID}", `.repeat(500)} // credlint-ignore`);
    expect([r.findings.length, r.ignored.length]).toEqual([0, 500]);
  });

  it('not a directive outside a comment or as part of another word', () => {
    expect(analyze(`k = '${ID}' credlint-ignore`).findings).toHaveLength(1);
    expect(analyze(`k = '${ID}' // credlint-ignored`).findings).toHaveLength(1);
    expect(analyze(`k = '${ID}' // no-credlint-ignore-x`).findings).toHaveLength(1);
  });

  it('inlineIgnores: false reports everything', () => {
    const r = analyze(`'${ID}' // credlint-ignore`, { inlineIgnores: false });
    expect([r.findings.length, r.ignored.length]).toEqual([1, 0]);
  });

  it('parseIgnoreDirective reads the rule list up to the reason', () => {
    expect(parseIgnoreDirective('# credlint-ignore aws-access-key-id, secret-access-key -- fixture', 3)).toEqual({
      directive: 'credlint-ignore',
      line: 3,
      only: ['aws-access-key-id', 'secret-access-key'],
    });
    expect(parseIgnoreDirective('x = 1', 1)).toBeUndefined();
  });
});

describe('LineIndex: offsets to 1-based line/column', () => {
  it('handles \\n, \\r\\n and a lone \\r', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const lines = new LineIndex(text);
    expect(lines.lineCount).toBe(4);
    expect(lines.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(lines.positionAt(text.indexOf('d'))).toEqual({ line: 2, column: 2 });
    expect(lines.positionAt(text.indexOf('e'))).toEqual({ line: 3, column: 1 });
    expect(lines.positionAt(text.indexOf('h'))).toEqual({ line: 4, column: 2 });
    expect(lines.lineText(2)).toBe('cd');
    expect(lines.offsetAt({ line: 3, column: 2 })).toBe(text.indexOf('f'));
  });

  it('positions a finding in a file', () => {
    const text = `a\nb\n  k = "${ID}"\n`;
    const r = analyze(text);
    const lines = new LineIndex(text);
    expect(lines.positionAt(r.findings[0]?.start ?? -1)).toEqual({ line: 3, column: 8 });
    expect(lines.positionAt(r.findings[0]?.end ?? -1)).toEqual({ line: 3, column: 28 });
  });
});
