import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DotenvLanguage, type DotenvFile } from '../src/languages/dotenv/language.js';
import { LineStarts } from '../src/util/lines.js';

const file = (text: string) => ({ body: text, path: '/repo/.env', physicalPath: '/repo/.env', bom: false });

describe('credlint/dotenv language', () => {
  it('turns @credlint/dotenv nodes into ESLint nodes with exact locations', () => {
    const text = '# top\nexport A="x y" # note\r\nB=2\n\nbad line\n';
    const language = new DotenvLanguage();
    const result = language.parse(file(text));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ast = result.ast;
    expect(ast.body.map((n) => n.type)).toEqual(['DotenvComment', 'DotenvEntry', 'DotenvEntry', 'DotenvBlank', 'DotenvError']);
    const entry = ast.body[1] as Extract<DotenvFile['body'][number], { type: 'DotenvEntry' }>;
    expect(entry.key).toBe('A');
    expect(text.slice(...entry.comment!.range)).toBe('# note');
    expect(entry.comment!.value).toBe(' note');
    expect(ast.body[2]!.loc).toEqual({ start: { line: 3, column: 0 }, end: { line: 3, column: 3 } });
    const sc = language.createSourceCode(file(text), result, { languageOptions: {} });
    expect(sc.comments.map((c) => c.value)).toEqual([' top', ' note']);
    expect(sc.getParent(entry.comment!)).toBe(entry);
  });

  it('never fails and keeps locations exact on any text (property)', () => {
    const language = new DotenvLanguage();
    const envish = fc.array(fc.constantFrom(...'AB_=#"\'` \t\\$x1\n\r'.split(''), 'export ', '\r\n', 'AWS_REGION='), { maxLength: 120 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(envish, fc.string({ maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 80 })), (text) => {
        const result = language.parse(file(text));
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const lines = new LineStarts(text);
        const sc = language.createSourceCode(file(text), result, { languageOptions: {} });
        const visit = (n: { range: [number, number]; loc: { start: unknown; end: unknown } }) => {
          expect(n.loc.start).toEqual(lines.loc(n.range[0]));
          expect(n.loc.end).toEqual(lines.loc(n.range[1]));
          expect(sc.getLocFromIndex(n.range[0])).toEqual(n.loc.start);
        };
        for (const n of result.ast.body) {
          visit(n);
          if (n.type === 'DotenvEntry' && n.comment) visit(n.comment);
        }
      }),
      { numRuns: 300 },
    );
  });
});
