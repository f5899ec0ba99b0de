import type { SourceLocation } from '@eslint/core';
import type { HashComment } from '../../util/hash-comment-source-code.js';

/**
 * The value expression a string belongs to, as far as tokens can tell:
 * `name = "…"`, `f(name="…")`, `{"name": "…"}`, `os.environ["NAME"] = "…"`, a positional argument.
 */
export interface PyBinding {
  kind: 'assign' | 'keyword' | 'dict' | 'subscript-assign' | 'positional';
  /** The name that names the value (variable, keyword, dict key, environment variable). */
  name?: string;
  /** Offsets of the name as written (for a keyword argument: the keyword). */
  nameRange?: [number, number];
  /** Dotted name of the called function, for arguments (`boto3.client`). */
  callee?: string;
  /** Dotted name of the subscripted object, for `os.environ["K"] = …`. */
  container?: string;
  /** Argument index for positional arguments. */
  index?: number;
  /** Offsets of the whole value expression. */
  range: [number, number];
  /** True when the expression is made only of plain string literals and `+`. */
  static: boolean;
  /** Number of string literals in the expression. */
  strings: number;
}

export interface PyString {
  type: 'PyString';
  range: [number, number];
  loc: SourceLocation;
  /** The prefix as written: ``, `r`, `b`, `f`, `rb`, … */
  prefix: string;
  quote: '"' | "'";
  triple: boolean;
  /** Offsets of the text between the quotes. */
  contentRange: [number, number];
  /** An f-/t-string with replacement fields: not a static value. */
  interpolated: boolean;
  unterminated: boolean;
  binding?: PyBinding;
}

export interface PyComment extends HashComment {
  type: 'PyComment';
}

export interface PythonModule {
  type: 'PythonModule';
  range: [number, number];
  loc: SourceLocation;
  /** Strings and comments in source order. */
  body: (PyString | PyComment)[];
}

export const visitorKeys: Record<string, string[]> = { PythonModule: ['body'], PyString: [], PyComment: [] };
