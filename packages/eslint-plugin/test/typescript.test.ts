import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { ESLint, Linter } from 'eslint';
// ESLint 9.x, installed side by side under an npm alias.
import { Linter as Linter9 } from 'eslint-v9';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import credlint from '../src/index.js';
import { parseBuiltin, toEstreeTokens, type TypescriptParserOptions } from '../src/parsers/typescript.js';
import { KEY_ID, SECRET } from './helpers/keys.js';

/**
 * configs.recommended on TypeScript and JSX, through the real ESLint class:
 * - a project without typescript-eslint (nothing resolvable from its temp dir) gets the built-in parser;
 * - a project with typescript-eslint installed keeps typescript-eslint's parser — type-aware rules
 *   included — whether credlint's config comes before or after typescript-eslint's.
 */
const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(pkgDir, '../..');
const require = createRequire(join(pkgDir, 'package.json'));
// ESLint's own parser, as ESLint resolves it
const espree = createRequire(require.resolve('eslint/package.json'))('espree') as { parse(code: string, options: object): unknown };

const FILES: Record<string, string> = {
  'infra/stack.ts': `interface Props { region: string }\nenum Stage { Dev = 'dev' }\nexport const props: Props = { region: 'eu-west-1' } satisfies Props;\nexport const creds = { accessKeyId: '${KEY_ID}' as string, stage: Stage.Dev };\nexport const id = <T,>(x: T): T => x;\n`,
  'lib/util.mts': `export type Pair<A, B> = [A, B];\nexport const key: string = \`${KEY_ID}\`;\n`,
  'lib/legacy.cts': `import fs = require('node:fs');\nexport = { secretAccessKey: '${SECRET}', fs };\n`,
  'web/Login.tsx': `import { Aws } from './aws';\ntype P = { region: string };\nexport const Login = (p: P) => <Aws region={p.region} accessKey="${KEY_ID}" />;\n`,
  'web/Legacy.jsx': `import { Aws } from './aws';\nexport const Legacy = () => (\n  <Aws accessKey="${KEY_ID}">text</Aws>\n);\n`,
};
const EXPECTED: Record<string, string[]> = {
  'infra/stack.ts': ['credlint/no-hardcoded-credentials@4:38'],
  'lib/util.mts': ['credlint/no-hardcoded-credentials@2:29'],
  'lib/legacy.cts': ['credlint/no-hardcoded-credentials@2:30'],
  'web/Login.tsx': ['credlint/no-hardcoded-credentials@3:66'],
  'web/Legacy.jsx': ['credlint/no-hardcoded-credentials@3:19'],
};

function project(prefix: string, withTypescriptEslint: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  if (withTypescriptEslint) {
    // typescript-eslint installed in the project (linked from this workspace), with a tsconfig for typed linting
    mkdirSync(join(dir, 'node_modules'));
    for (const name of ['typescript-eslint', 'typescript']) symlinkSync(dirname(require.resolve(`${name}/package.json`)), join(dir, 'node_modules', name), 'dir');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, jsx: 'preserve', module: 'nodenext', target: 'es2022', allowJs: true, noEmit: true }, include: ['**/*'] }),
    );
    writeFileSync(join(dir, 'infra/floating.ts'), `async function deploy(): Promise<void> {}\ndeploy();\n`);
  }
  return dir;
}

type Summary = Record<string, string[]>;
async function lint(dir: string, config: Linter.Config[], files = Object.keys(FILES)): Promise<Summary> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config });
  const results = await eslint.lintFiles(files);
  return Object.fromEntries(
    results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => (m.fatal ? `fatal ${m.message}` : `${m.ruleId}@${m.line}:${m.column}`))]),
  );
}

let bare: string;
let withTs: string;
beforeAll(() => {
  bare = project('credlint-ts-bare-', false);
  withTs = project('credlint-ts-tseslint-', true);
});
afterAll(() => {
  rmSync(bare, { recursive: true, force: true });
  rmSync(withTs, { recursive: true, force: true });
});

describe('configs.recommended without typescript-eslint', () => {
  it('reads .ts, .mts, .cts, .tsx and .jsx and reports the key at its line and column', async () => {
    expect(await lint(bare, [...credlint.configs.recommended])).toEqual(EXPECTED);
  });

  it('gives ESLint’s recommended rules what typescript-eslint’s parser gives them (scope analysis knows types)', async () => {
    const base: Linter.Config[] = [{ ...js.configs.recommended, languageOptions: { globals: globals.node } }, ...credlint.configs.recommended];
    const ours = await lint(bare, base);
    const theirs = await lint(bare, [...base, { files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'], languageOptions: { parser: tseslint.parser as Linter.Parser } }]);
    expect(ours).toEqual(theirs);
    for (const [file, messages] of Object.entries(EXPECTED)) expect(ours[file], file).toEqual(expect.arrayContaining(messages));
  });

  it('ESLint 9 and 10 give the same results', () => {
    type AnyLinter = { verify(text: string, config: unknown, filename: string): { ruleId: string | null; line: number; column: number }[] };
    const run = (linter: AnyLinter) =>
      Object.fromEntries(Object.entries(FILES).map(([f, text]) => [f, linter.verify(text, credlint.configs.recommended, join(bare, f)).map((m) => `${m.ruleId}@${m.line}:${m.column}`)]));
    const v10 = run(new Linter({ cwd: bare }) as unknown as AnyLinter);
    expect(v10).toEqual(EXPECTED);
    expect(run(new Linter9({ cwd: bare }) as unknown as AnyLinter)).toEqual(v10);
  });

  it('a syntax error is a parse error at its position, not a crash', async () => {
    writeFileSync(join(bare, 'broken.ts'), `const ok = 1;\nconst x: = '${KEY_ID}';\n`);
    expect(await lint(bare, [...credlint.configs.recommended], ['broken.ts'])).toEqual({ 'broken.ts': ['fatal Parsing error: Unexpected token'] });
    const [m] = new Linter({ cwd: bare }).verify(`const ok = 1;\nconst x: = 1;\n`, credlint.configs.recommended, join(bare, 'broken.ts'));
    expect([m?.fatal, m?.message, m?.line, m?.column]).toEqual([true, 'Parsing error: Unexpected token', 2, 10]);
  });
});

describe('configs.recommended with typescript-eslint installed', () => {
  const typed = (): Linter.Config[] => [
    ...(tseslint.configs.recommendedTypeChecked as Linter.Config[]),
    { languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.jsx', 'web/*.jsx'] }, tsconfigRootDir: withTs } } },
    { files: ['**/*.jsx'], ...(tseslint.configs.disableTypeChecked as Linter.Config) },
  ];
  const files = [...Object.keys(FILES), 'infra/floating.ts'];
  const expected = { ...EXPECTED, 'infra/floating.ts': ['@typescript-eslint/no-floating-promises@2:1'] };

  for (const order of ['credlint last', 'credlint first'] as const) {
    it(`keeps typescript-eslint's parser: type-aware rules work (${order})`, async () => {
      const config = order === 'credlint last' ? [...typed(), ...credlint.configs.recommended] : [...credlint.configs.recommended, ...typed()];
      const result = await lint(withTs, config, files);
      // typescript-eslint's own findings in the fixtures, besides ours
      const ours = Object.fromEntries(Object.entries(result).map(([f, m]) => [f, m.filter((x) => x.startsWith('credlint/') || x.includes('no-floating-promises') || x.startsWith('fatal'))]));
      expect(ours).toEqual(expected);
    });
  }

  it('the built-in parser alone would not give type information (so the test above can fail)', async () => {
    const forced: Linter.Config[] = [...typed(), ...credlint.configs.recommended, { files: ['**/*.ts'], languageOptions: { parser: { parseForESLint: (code: string, o: TypescriptParserOptions) => parseBuiltin(code, o) } } }];
    await expect(lint(withTs, forced, ['infra/floating.ts'])).rejects.toThrow(/type information/);
  });
});

describe('the built-in TypeScript parser', () => {
  // This package's own sources: classes, generics, overloads, type-only imports, declaration merging …
  const tsFiles = execFileSync('git', ['ls-files', 'packages/eslint-plugin/src'], { cwd: repo, encoding: 'utf8' }).trim().split('\n').filter((f) => f.endsWith('.ts'));

  it(`gives ESLint's recommended rules and credlint's the same results as typescript-eslint's parser on this repository's ${tsFiles.length} source files`, () => {
    const linter = new Linter();
    const base: Linter.Config = { ...js.configs.recommended, files: ['**/*.ts'], languageOptions: { globals: globals.node } };
    const withParser = (parser: Linter.Parser): Linter.Config[] => [base, ...credlint.configs.recommended, { files: ['**/*.ts'], languageOptions: { parser } }];
    const builtin: Linter.Parser = { parseForESLint: (code: string, o?: TypescriptParserOptions) => parseBuiltin(code, o) } as never;
    let compared = 0;
    for (const file of tsFiles) {
      const code = readFileSync(join(repo, file), 'utf8');
      const ours = linter.verify(code, withParser(builtin), file).map((m) => `${m.ruleId}@${m.line}:${m.column} ${m.message}`);
      const theirs = linter.verify(code, withParser(tseslint.parser as Linter.Parser), file).map((m) => `${m.ruleId}@${m.line}:${m.column} ${m.message}`);
      expect(ours, file).toEqual(theirs);
      compared++;
    }
    expect(compared).toBeGreaterThan(15);
  }, 120_000);

  it('analyses scopes of mapped types, overloads, declaration merging, ambient modules and .d.ts files like typescript-eslint', () => {
    const samples: Record<string, string> = {
      'mapped.ts': 'type Flags<T> = { readonly [K in keyof T as `is${string & K}`]?: boolean };\nexport type F = Flags<{ a: 1 }>;\n',
      'overloads.ts': 'export function f(a: string): string;\nexport function f(a: number): number;\nexport function f(a: unknown) { return a; }\nexport namespace f { export const x = 1; }\n',
      'merge.ts': 'interface Box { a: number }\ninterface Box { b: number }\nexport const box: Box = { a: 1, b: 2 };\nabstract class Base<T> { abstract get(): T; }\nexport class Impl extends Base<number> implements Box { a = 1; b = 2; get() { return 1; } }\n',
      'ambient.d.ts': "declare module 'm' {\n  export interface Opts { id: string }\n  export function make(o: Opts): void;\n  export { make as create };\n}\ndeclare global { var __creds: string | undefined; }\nexport {};\n",
    };
    const linter = new Linter();
    const base: Linter.Config = { ...js.configs.recommended, files: ['**/*.ts'], languageOptions: { globals: globals.node } };
    for (const [file, code] of Object.entries(samples)) {
      const { scopeManager } = parseBuiltin(code, { filePath: file });
      expect(scopeManager, file).toBeDefined(); // typescript-eslint's scope manager, not the eslint-scope fallback
      const run = (parser: unknown) => linter.verify(code, [base, { files: ['**/*.ts'], languageOptions: { parser: parser as Linter.Parser } }], file).map((m) => `${m.ruleId}@${m.line}:${m.column}`);
      expect(run({ parseForESLint: (c: string, o?: TypescriptParserOptions) => parseBuiltin(c, o) }), file).toEqual(run(tseslint.parser));
    }
  });

  it('places type parameter names after their modifiers', () => {
    const code = 'export interface Box<in n, out t, T extends string> { a: n; b: t; c: T }\n';
    const ours = parseBuiltin(code, { filePath: 'box.ts' }).ast as { body: { declaration: { typeParameters: { params: { name: { name: string; range: [number, number] } }[] } } }[] };
    const names = ours.body[0]!.declaration.typeParameters.params.map((p) => [p.name.name, code.slice(...p.name.range)]);
    expect(names).toEqual([
      ['n', 'n'],
      ['t', 't'],
      ['T', 'T'],
    ]);
    const theirs = (tseslint.parser.parseForESLint as (code: string, options: object) => { ast: unknown })(code, { filePath: 'box.ts', range: true }).ast as unknown as typeof ours;
    expect(ours.body[0]!.declaration.typeParameters.params.map((p) => p.name.range)).toEqual(theirs.body[0]!.declaration.typeParameters.params.map((p) => p.name.range));
  });

  it('gives the same tokens and comments as espree on JavaScript and JSX', () => {
    const code = [
      '#!/usr/bin/env node',
      '// line',
      `const a = { k: \`x\${1 + \`in\${2}ner\`}y\${{ o: 1 }.o}z\`, r: /[/]\\d+/giu, n: null, t: true, big: 10n };`,
      '/* block */ class C { #p = 1; static s() { return this.#p ?? super.x?.[0]; } }',
      'export const el = <div a="1" b={a}>text {a} <br/></div>;',
      '',
    ].join('\n');
    const ours = parseBuiltin(code, { filePath: 'x.jsx' }).ast as { tokens: unknown[]; comments: unknown[] };
    const theirs = espree.parse(code, { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, tokens: true, comment: true, ecmaFeatures: { jsx: true } }) as unknown as {
      tokens: { type: string; value: string; range: [number, number]; loc: unknown; regex?: unknown }[];
      comments: { type: string; value: string; range: [number, number]; loc: unknown }[];
    };
    const pick = (t: { type: string; value: string; range: [number, number]; loc: unknown }) => `${t.type} ${JSON.stringify(t.value)} ${t.range.join("-")} ${JSON.stringify(t.loc)}`;
    expect(ours.tokens.map((t) => pick(t as never))).toEqual(theirs.tokens.map(pick));
    // espree 11 names the `#!` line "Hashbang"; ESLint's rules (9 and 10) and typescript-estree say "Shebang"
    expect(ours.comments.map((c) => pick(c as never))).toEqual(theirs.comments.map((c) => pick({ ...c, type: c.type === 'Hashbang' ? 'Shebang' : c.type })));
    expect(toEstreeTokens('', [])).toEqual([]);
  });
});
