import { isAbsolute } from 'node:path';
import { DialectInferrer, DIALECTS, parse, type Dialect, type DialectInference, type EnvDocument, type EnvNode } from '@credlint/dotenv';
import type { File, Language, LanguageContext, LanguageOptions, OkParseResult, ParseResult, SourceLocation } from '@eslint/core';
import { HashCommentSourceCode, type BaseNode, type HashComment } from '../../util/hash-comment-source-code.js';
import { LineStarts } from '../../util/lines.js';

/**
 * The ESLint face of @credlint/dotenv's lossless parse: one node per line-level node,
 * each carrying the dotenv node it came from (`node.env`), plus `#` comments (whole-line
 * and inline) as DotenvComment nodes that carry `eslint-disable` directives.
 */
export interface DotenvComment extends HashComment {
  type: 'DotenvComment';
}

export interface DotenvEntry extends BaseNode {
  type: 'DotenvEntry';
  key: string;
  env: Extract<EnvNode, { type: 'entry' }>;
  comment?: DotenvComment;
}

export interface DotenvLine extends BaseNode {
  type: 'DotenvBlank' | 'DotenvError';
  env: EnvNode;
}

export interface DotenvFile extends BaseNode {
  type: 'DotenvFile';
  body: (DotenvEntry | DotenvComment | DotenvLine)[];
  /** The parsed document, for rules that need all of it. */
  document: EnvDocument;
}

export const visitorKeys: Record<string, string[]> = {
  DotenvFile: ['body'],
  DotenvEntry: ['comment'],
  DotenvComment: [],
  DotenvBlank: [],
  DotenvError: [],
};

function commentValue(raw: string): string {
  const hash = raw.indexOf('#');
  return hash >= 0 ? raw.slice(hash + 1) : raw;
}

export function toDotenvFile(text: string, filename?: string): DotenvFile {
  const lines = new LineStarts(text);
  const loc = (start: number, end: number): SourceLocation => ({ start: lines.loc(start), end: lines.loc(end) });
  const document = parse(text, filename === undefined ? {} : { filename });
  const body: DotenvFile['body'] = [];
  for (const n of document.nodes) {
    const range: [number, number] = [n.start, n.end];
    if (n.type === 'entry') {
      const entry: DotenvEntry = { type: 'DotenvEntry', key: n.key, env: n, range, loc: loc(n.start, n.end) };
      if (n.comment) {
        const c = n.comment;
        entry.comment = { type: 'DotenvComment', value: commentValue(text.slice(c.start, c.end)), range: [c.start, c.end], loc: loc(c.start, c.end) };
      }
      body.push(entry);
    } else if (n.type === 'comment') {
      body.push({ type: 'DotenvComment', value: commentValue(n.raw), range, loc: loc(n.start, n.end) });
    } else {
      body.push({ type: n.type === 'blank' ? 'DotenvBlank' : 'DotenvError', env: n, range, loc: loc(n.start, n.end) });
    }
  }
  return { type: 'DotenvFile', body, document, range: [0, text.length], loc: loc(0, text.length) };
}

export class DotenvSourceCode extends HashCommentSourceCode<DotenvFile> {
  /** Set by the language: the options the file is linted with. */
  readonly dialect: DotenvLanguageOptions['dialect'];
  /** Set when no `dialect` option was given and the files around this one name its reader. */
  readonly inference: DialectInference | undefined;
  readonly filename: string;
  readonly physicalFilename: string;

  constructor(text: string, ast: DotenvFile, file: File, options: DotenvLanguageOptions, inference?: DialectInference) {
    const comments: HashComment[] = [];
    for (const n of ast.body) {
      if (n.type === 'DotenvComment') comments.push(n);
      else if (n.type === 'DotenvEntry' && n.comment) comments.push(n.comment);
    }
    super(text, ast, comments);
    this.dialect = options.dialect;
    this.inference = inference;
    this.filename = file.path;
    this.physicalFilename = file.physicalPath;
  }

  protected children(node: BaseNode): readonly BaseNode[] {
    if (node.type === 'DotenvFile') return (node as DotenvFile).body;
    if (node.type === 'DotenvEntry') {
      const c = (node as DotenvEntry).comment;
      return c ? [c] : [];
    }
    return [];
  }
}

export interface DotenvLanguageOptions extends Record<string, unknown> {
  /**
   * Which reader(s) the file is judged for (see `credlint dotenv --dialect`). Default: inferred from
   * the files around it (as the CLI does), else `portable`.
   */
  dialect: Dialect;
}

/** How long one inferrer's per-directory cache is trusted: one lint run, or a few seconds of an editor session. */
const INFER_TTL_MS = 5000;
let inferrer: { at: number; it: DialectInferrer } | undefined;

/** The reader the files around `path` name, with one cached inference per directory per run. */
function inferFor(path: string): DialectInference | undefined {
  // Only files with a real location: `Linter#verify(text, config, '.env')` names no directory.
  if (!isAbsolute(path)) return undefined;
  const now = Date.now();
  if (!inferrer || now - inferrer.at > INFER_TTL_MS) inferrer = { at: now, it: new DialectInferrer() };
  return inferrer.it.infer(path);
}

/** `credlint/dotenv`: `.env` files through @credlint/dotenv's lossless parser. `parse` never fails. */
export class DotenvLanguage implements Language {
  readonly fileType = 'text' as const;
  readonly lineStart = 1 as const;
  readonly columnStart = 0 as const;
  readonly nodeTypeKey = 'type';
  readonly visitorKeys = visitorKeys;
  // No default dialect: an absent option means "infer it" (see createSourceCode).
  readonly defaultLanguageOptions: Partial<DotenvLanguageOptions> = {};

  validateLanguageOptions(options: Record<string, unknown>): void {
    const d = options.dialect;
    if (d !== undefined && !(DIALECTS as readonly unknown[]).includes(d)) {
      throw new TypeError(`credlint/dotenv: languageOptions.dialect must be one of ${DIALECTS.join(', ')}.`);
    }
    // Unknown options (JS options from a global config object) are ignored.
  }

  parse(file: File): ParseResult<DotenvFile> {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    try {
      return { ok: true, ast: toDotenvFile(text, file.path) };
    } catch (error) {
      // The dotenv parser is total; this is a safety net so a bug there never crashes ESLint.
      return { ok: false, errors: [{ message: `credlint/dotenv could not parse the file: ${(error as Error).message}`, line: 1, column: 0 }] };
    }
  }

  createSourceCode(file: File, result: OkParseResult<DotenvFile>, context: LanguageContext<LanguageOptions>): DotenvSourceCode {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    const dialect = (context.languageOptions as Partial<DotenvLanguageOptions> | undefined)?.dialect;
    // The option wins; without it the CLI's order follows: the inferred reader, else portable.
    const inference = dialect ? undefined : inferFor(file.physicalPath);
    const options: DotenvLanguageOptions = { dialect: dialect ?? inference?.dialect ?? 'portable' };
    return new DotenvSourceCode(text, result.ast, file, options, inference);
  }
}
