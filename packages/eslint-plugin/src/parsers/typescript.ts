import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type * as Acorn from 'acorn';
import type { Options as AcornOptions, Parser as AcornParser, Token as AcornToken } from 'acorn';
import type * as AcornTypescript from '@sveltejs/acorn-typescript';
import type * as ScopeManager from '@typescript-eslint/scope-manager';
import type * as VisitorKeys from '@typescript-eslint/visitor-keys';
import { PLUGIN_NAME, PLUGIN_VERSION } from '../meta.js';

/**
 * `configs.recommended`'s parser for `.ts`, `.mts`, `.cts` and `.tsx` (docs/guides/editor.md,
 * "TypeScript and JSX"). Two paths, chosen per file:
 *
 * 1. The project has typescript-eslint: the file goes to typescript-eslint's own parser with the
 *    same parserOptions, so `projectService`/`project` and type-aware rules keep working even when
 *    credlint's config comes after typescript-eslint's (a later `languageOptions.parser` wins in
 *    flat config, and ESLint cannot tell a config object what an earlier one set).
 * 2. It has not (a Python-only repository with a CDK app or a Lambda in TypeScript): acorn with
 *    @sveltejs/acorn-typescript parses TS and JSX in pure JavaScript, `toTsEstree` reshapes the few
 *    Babel-style nodes it makes into typescript-estree's, and typescript-eslint's scope manager
 *    (no TypeScript needed) analyses them, so core rules such as no-undef see type names as types.
 *
 * Everything heavy is loaded on the first TypeScript file, never for a repository without one.
 */

type ParseResult = { ast: unknown; scopeManager?: unknown; visitorKeys?: unknown; services?: unknown };
interface EslintParser {
  parseForESLint(code: string, options?: Record<string, unknown>): ParseResult;
}
export interface TypescriptParserOptions {
  filePath?: string;
  sourceType?: 'module' | 'script' | 'commonjs';
  ecmaFeatures?: { jsx?: boolean; globalReturn?: boolean };
  jsxPragma?: string | null;
  jsxFragmentName?: string | null;
  lib?: string[];
  [key: string]: unknown;
}

const localRequire = createRequire(import.meta.url);

/** typescript-eslint's parser as the project resolves it from a directory, or null; cached per directory. */
const delegates = new Map<string, EslintParser | null>();

/**
 * Where the project installed a package: the nearest `node_modules/<id>` above `dir`. Looked up
 * on disk rather than through require's global paths, so NODE_PATH (which pnpm's bin shims set to
 * their whole store) cannot make a project without typescript-eslint look like one with it.
 * Yarn Plug'n'Play has no node_modules: there, its resolver answers.
 */
function installedFrom(dir: string, id: string): string | undefined {
  if (process.versions.pnp !== undefined) return dir;
  for (let d = dir; ; d = dirname(d)) {
    if (basename(d) !== 'node_modules' && existsSync(join(d, 'node_modules', id, 'package.json'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

function typescriptEslintParserFrom(dir: string): EslintParser | null {
  const cached = delegates.get(dir);
  if (cached !== undefined) return cached;
  let found: EslintParser | null = null;
  // `typescript-eslint` first: its `parser` is the very object the user's config imported
  // (pnpm does not hoist @typescript-eslint/parser), then a direct @typescript-eslint/parser.
  for (const [id, pick] of [
    ['typescript-eslint', (m: { parser?: EslintParser; default?: { parser?: EslintParser } }) => m.parser ?? m.default?.parser],
    ['@typescript-eslint/parser', (m: EslintParser & { default?: EslintParser }) => (typeof m.parseForESLint === 'function' ? m : m.default)],
  ] as const) {
    const base = installedFrom(dir, id);
    if (base === undefined) continue;
    try {
      const candidate = (pick as (m: unknown) => EslintParser | undefined)(createRequire(join(base, 'noop.js'))(id));
      if (candidate && typeof candidate.parseForESLint === 'function') {
        found = candidate;
        break;
      }
    } catch {
      // installed without its `typescript` peer, or broken: the built-in parser applies
    }
  }
  delegates.set(dir, found);
  return found;
}

/** The parser typescript-eslint users get: theirs when the project has it, ours otherwise. */
export function delegateFor(filePath: string | undefined): EslintParser | null {
  return typescriptEslintParserFrom(resolve(filePath ? dirname(filePath) : '.'));
}

export const typescriptParser = {
  meta: { name: `${PLUGIN_NAME}/typescript`, version: PLUGIN_VERSION },
  parseForESLint(code: string, options: TypescriptParserOptions = {}): ParseResult {
    const delegate = delegateFor(options.filePath);
    if (delegate) return delegate.parseForESLint(code, options);
    return parseBuiltin(code, options);
  },
};

// ---------------------------------------------------------------------------------------------
// The built-in path

interface Loaded {
  TS: typeof AcornParser;
  TSX: typeof AcornParser;
  DTS: typeof AcornParser;
  analyze: typeof ScopeManager.analyze;
  visitorKeys: Record<string, readonly string[] | undefined>;
}
let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const acorn = localRequire('acorn') as typeof Acorn;
  // ESM-only: Node ≥ 20.19 loads it through require(esm), like the rest of this plugin.
  const { tsPlugin } = localRequire('@sveltejs/acorn-typescript') as typeof AcornTypescript;
  const { analyze } = localRequire('@typescript-eslint/scope-manager') as typeof ScopeManager;
  const { visitorKeys } = localRequire('@typescript-eslint/visitor-keys') as typeof VisitorKeys;
  // Only syntax errors fail a file, as with typescript-eslint's parser: acorn's "recoverable" errors are
  // semantic (redeclarations, exports of ambient declarations, `eval` in a .d.ts) and TypeScript's to judge.
  const lenient = (P: typeof AcornParser): typeof AcornParser =>
    class extends (P as unknown as new (...args: unknown[]) => object) {
      raiseRecoverable(): void {}
    } as unknown as typeof AcornParser;
  loaded = {
    TS: lenient(acorn.Parser.extend(tsPlugin())),
    TSX: lenient(acorn.Parser.extend(tsPlugin({ jsx: true }))),
    DTS: lenient(acorn.Parser.extend(tsPlugin({ dts: true }))),
    analyze,
    visitorKeys: visitorKeys,
  };
  return loaded;
}

interface Pos {
  line: number;
  column: number;
}
interface Node {
  type: string;
  start: number;
  end: number;
  range?: [number, number];
  loc?: { start: Pos; end: Pos };
  [key: string]: unknown;
}
export interface EstreeToken {
  type: string;
  value: string;
  range: [number, number];
  loc: { start: Pos; end: Pos };
  regex?: { pattern: string; flags: string };
}
interface EstreeComment {
  type: 'Line' | 'Block' | 'Shebang';
  value: string;
  range: [number, number];
  loc: { start: Pos; end: Pos };
}

/** ESLint's line breaks for JavaScript (the same acorn counts): \r\n, \r, \n, U+2028, U+2029. */
class JsLines {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (const m of text.matchAll(/\r\n|[\r\n\u2028\u2029]/gu)) this.starts.push(m.index + m[0].length);
  }
  loc(offset: number): Pos {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! };
  }
}

/** A parse error in the shape ESLint reports ("Parsing error: …" at line/column, column 1-based). */
class ParseError extends SyntaxError {
  constructor(
    message: string,
    readonly index: number,
    readonly lineNumber: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export function parseBuiltin(code: string, options: TypescriptParserOptions = {}): ParseResult {
  const { TS, TSX, DTS, analyze, visitorKeys } = load();
  const filePath = options.filePath ?? '';
  const dts = /\.d\.[cm]?ts$/i.test(filePath);
  const jsx = !dts && (/\.[jt]sx$/i.test(filePath) || (!/\.[cm]?ts$/i.test(filePath) && options.ecmaFeatures?.jsx === true));
  const commonjs = options.sourceType === 'commonjs';
  const sourceType = options.sourceType === 'script' || commonjs ? 'script' : 'module';
  const comments: EstreeComment[] = [];
  const raw: AcornToken[] = [];
  const acornOptions: AcornOptions = {
    ecmaVersion: 'latest',
    sourceType,
    locations: true,
    ranges: true,
    allowHashBang: true,
    allowReturnOutsideFunction: commonjs || options.ecmaFeatures?.globalReturn === true,
    onComment: (block, text, start, end, startLoc, endLoc) => {
      const type = !block && start === 0 && code.startsWith('#!') ? 'Shebang' : block ? 'Block' : 'Line';
      comments.push({ type, value: text, range: [start, end], loc: { start: pos(startLoc), end: pos(endLoc) } });
    },
    onToken: (t) => {
      raw.push(t);
    },
  };
  let program: Node;
  try {
    program = (dts ? DTS : jsx ? TSX : TS).parse(code, acornOptions) as unknown as Node;
  } catch (e) {
    const err = e as SyntaxError & { pos?: number; loc?: Pos };
    if (typeof err.pos !== 'number' || !err.loc) throw e;
    throw new ParseError(err.message.replace(/ \(\d+:\d+\)$/u, ''), err.pos, err.loc.line, err.loc.column + 1);
  }
  const lines = new JsLines(code);
  toTsEstree(program, code, lines, visitorKeys);
  // ESLint ≥ 10: the Program spans the whole text, leading comments and whitespace included.
  program.range = [0, code.length];
  program.loc = { start: { line: 1, column: 0 }, end: lines.loc(code.length) };
  program.tokens = toEstreeTokens(code, raw);
  program.comments = comments;
  let scopeManager: unknown;
  try {
    scopeManager = analyze(program as never, {
      sourceType,
      globalReturn: commonjs || options.ecmaFeatures?.globalReturn === true,
      jsxPragma: options.jsxPragma === undefined ? 'React' : options.jsxPragma,
      jsxFragmentName: options.jsxFragmentName ?? null,
      lib: (options.lib as never) ?? ['esnext'],
    });
  } catch {
    // A node shape toTsEstree does not reshape yet: ESLint's own scope analysis (eslint-scope) runs
    // instead, so the file is still linted — credentials included — rather than failing to parse.
    scopeManager = undefined;
  }
  return { ast: program, scopeManager, visitorKeys, services: { isCredlintTypescript: true } };
}

function pos(p: { line: number; column: number } | undefined): Pos {
  return { line: p?.line ?? 1, column: p?.column ?? 0 };
}

/**
 * acorn's tokens as ESLint's (espree's) token types. Template literals become espree's
 * "Template" tokens (`` `a${ ``, `` }b` ``) so token-based rules see the same stream as with espree.
 */
export function toEstreeTokens(code: string, raw: readonly AcornToken[]): EstreeToken[] {
  const out: EstreeToken[] = [];
  const braces: ('{' | '${')[] = [];
  let templateStart = -1;
  let templateLoc: Pos | undefined;
  const push = (type: string, start: number, end: number, startLoc: Pos, endLoc: Pos, extra?: Partial<EstreeToken>): void => {
    out.push({ type, value: code.slice(start, end), range: [start, end], loc: { start: startLoc, end: endLoc }, ...extra });
  };
  for (const t of raw) {
    const label = t.type.label;
    const startLoc = pos(t.loc?.start);
    const endLoc = pos(t.loc?.end);
    if (label === 'eof') continue;
    if (label === '`') {
      if (templateStart === -1) {
        templateStart = t.start;
        templateLoc = startLoc;
      } else {
        push('Template', templateStart, t.end, templateLoc!, endLoc);
        templateStart = -1;
      }
      continue;
    }
    if (label === 'template' || label === 'invalidTemplate') continue;
    if (label === '${') {
      push('Template', templateStart, t.end, templateLoc!, endLoc);
      templateStart = -1;
      braces.push('${');
      continue;
    }
    if (label === '{' || label === '#{') braces.push('{');
    if (label === '}' && braces.pop() === '${') {
      templateStart = t.start;
      templateLoc = startLoc;
      continue;
    }
    let value = code.slice(t.start, t.end);
    let type = 'Punctuator';
    // espree's quirks, kept so token-based rules behave the same
    if (label === 'name') type = value === 'static' || value === 'let' || value === 'yield' ? 'Keyword' : 'Identifier';
    else if (t.type.keyword !== undefined) type = value === 'true' || value === 'false' ? 'Boolean' : value === 'null' ? 'Null' : 'Keyword';
    else if (label === 'num') type = 'Numeric';
    else if (label === 'string') type = out.at(-1)?.value === '=' && out.at(-2)?.type === 'JSXIdentifier' ? 'JSXText' : 'String';
    else if (label === 'regexp') type = 'RegularExpression';
    else if (label === 'privateId') {
      type = 'PrivateIdentifier';
      value = value.slice(1);
    } else if (label === 'jsxName') type = 'JSXIdentifier';
    else if (label === 'jsxText') type = 'JSXText';
    const regex = type === 'RegularExpression' ? (t as unknown as { value: { pattern: string; flags: string } }).value : undefined;
    out.push({
      type,
      value,
      range: [t.start, t.end],
      loc: { start: startLoc, end: endLoc },
      ...(regex ? { regex: { pattern: regex.pattern, flags: regex.flags } } : {}),
    });
  }
  return out;
}

const TYPE_PARAMETER_MODIFIERS = /(?:(?:in|out|const)\b\s*)*/uy;
const NAMESPACE_KEYWORD = /(?:export\s+)?(?:declare\s+)?namespace\b/uy;
const SIGNATURES = new Set(['TSFunctionType', 'TSConstructorType', 'TSCallSignatureDeclaration', 'TSConstructSignatureDeclaration', 'TSMethodSignature']);
const DECORATED = new Set([
  'Identifier',
  'ObjectPattern',
  'ArrayPattern',
  'RestElement',
  'AssignmentPattern',
  'TSParameterProperty',
  'ClassDeclaration',
  'ClassExpression',
  'MethodDefinition',
  'PropertyDefinition',
  'AccessorProperty',
  'TSAbstractMethodDefinition',
  'TSAbstractPropertyDefinition',
  'TSAbstractAccessorProperty',
]);
/** Keys typescript-estree always gives as arrays (empty when absent); the scope manager iterates them. */
const ARRAY_KEYS = new Set(['extends', 'implements', 'decorators', 'params', 'attributes', 'specifiers', 'arguments']);

/**
 * acorn-typescript builds TypeScript nodes the way Babel does; typescript-estree (what
 * typescript-eslint's scope manager and ESLint users' rules expect) differs in a few shapes.
 * Measured on this repository's own TypeScript: after this pass every node has typescript-estree's
 * type and keys, and ESLint's recommended rules report exactly what they report with
 * typescript-eslint's parser (packages/eslint-plugin/test/typescript-parser.test.ts).
 */
function toTsEstree(root: Node, code: string, lines: JsLines, visitorKeys: Loaded['visitorKeys']): void {
  const span = (start: number, end: number) => ({ start, end, range: [start, end] as [number, number], loc: { start: lines.loc(start), end: lines.loc(end) } });
  const stack: [Node, Node | undefined, string | undefined][] = [[root, undefined, undefined]];
  while (stack.length > 0) {
    const [n, parent, key] = stack.pop()!;
    if (n.type === 'TSParenthesizedType' && parent && key) {
      // typescript-estree drops parentheses around types
      const inner = n.typeAnnotation as Node;
      const slot = parent[key];
      if (Array.isArray(slot)) slot[slot.indexOf(n)] = inner;
      else parent[key] = inner;
      stack.push([inner, parent, key]);
      continue;
    }
    if (DECORATED.has(n.type)) n.decorators ??= [];
    for (const k of visitorKeys[n.type] ?? []) if (n[k] === undefined && ARRAY_KEYS.has(k)) n[k] = [];
    if (SIGNATURES.has(n.type)) {
      if (n.parameters !== undefined) {
        n.params = n.parameters;
        delete n.parameters;
      }
      if (n.typeAnnotation !== undefined) {
        n.returnType = n.typeAnnotation;
        delete n.typeAnnotation;
      }
    }
    if ((n.typeParameters as Node | undefined)?.type === 'TSTypeParameterInstantiation') {
      n.typeArguments = n.typeParameters;
      delete n.typeParameters;
    }
    if (n.superTypeParameters !== undefined) {
      n.superTypeArguments = n.superTypeParameters;
      delete n.superTypeParameters;
    }
    if (n.type === 'TSExpressionWithTypeArguments') n.type = key === 'implements' ? 'TSClassImplements' : 'TSInterfaceHeritage';
    if (n.type === 'TSTypeParameter' && typeof n.name === 'string') {
      // the name follows the `in`/`out`/`const` modifiers (`<in n>`: not the "n" of "in")
      TYPE_PARAMETER_MODIFIERS.lastIndex = n.start;
      TYPE_PARAMETER_MODIFIERS.test(code);
      const at = code.startsWith(n.name, TYPE_PARAMETER_MODIFIERS.lastIndex) ? TYPE_PARAMETER_MODIFIERS.lastIndex : code.indexOf(n.name, n.start);
      n.name = { type: 'Identifier', name: n.name, decorators: [], ...span(at, at + n.name.length) };
    }
    if (n.type === 'TSMappedType' && n.key === undefined && n.typeParameter) {
      // `{ [K in keyof T]: … }`: typescript-estree names the key and its constraint directly
      const tp = n.typeParameter as Node;
      const name = tp.name as string | Node;
      n.key = typeof name === 'string' ? { type: 'Identifier', name, decorators: [], ...span(tp.start, tp.start + name.length) } : name;
      n.constraint = tp.constraint ?? null;
    }
    if (n.type === 'TSEnumDeclaration' && n.body === undefined) {
      const open = code.indexOf('{', (n.id as Node).end);
      n.body = { type: 'TSEnumBody', members: n.members, ...span(open, n.end) };
      delete n.members;
    }
    if (n.type === 'MethodDefinition' && (n.value as Node | undefined)?.body == null) {
      // overloads and abstract methods: no body
      (n.value as Node).type = 'TSEmptyBodyFunctionExpression';
      if (n.abstract === true) n.type = 'TSAbstractMethodDefinition';
    }
    if (n.type === 'PropertyDefinition' && n.abstract === true) n.type = 'TSAbstractPropertyDefinition';
    if (n.type === 'TSModuleDeclaration' && n.kind === undefined) {
      NAMESPACE_KEYWORD.lastIndex = n.start;
      n.kind = n.global === true ? 'global' : NAMESPACE_KEYWORD.test(code) ? 'namespace' : 'module';
    }
    for (const k in n) {
      if (k === 'loc' || k === 'range' || k === 'parent') continue;
      const v = n[k] as Node | Node[] | null | undefined;
      if (Array.isArray(v)) {
        for (const x of v) if (x && typeof x.type === 'string') stack.push([x, n, k]);
      } else if (v && typeof v.type === 'string') stack.push([v, n, k]);
    }
  }
}
