import type { NodeLine } from './readers/node.js';
/** Who will read the file. `portable` = every common reader: report what any of them reads differently. */
/** What a file is judged for: `portable` (all readers) or one reader's. The list is DIALECTS in ids.ts. */
export type Dialect = 'portable' | 'dotenv' | 'node' | 'docker' | 'compose' | 'bash' | 'python';

/** The readers credlint models. `node` = Node's `util.parseEnv` / `--env-file`; `bash` = `set -a; source .env`. */
export type Reader = 'dotenv' | 'node' | 'python' | 'compose' | 'docker' | 'bash';

export const READERS: readonly Reader[] = ['dotenv', 'node', 'python', 'compose', 'docker', 'bash'];

/** How each reader is named in messages. */
export const READER_NAMES: Readonly<Record<Reader, string>> = {
  dotenv: 'dotenv (npm)',
  node: "Node's --env-file (util.parseEnv)",
  python: 'python-dotenv',
  compose: 'Docker Compose',
  docker: '`docker run --env-file`',
  bash: 'bash `source`',
};

export type CheckId =
  | 'quoted-value'
  | 'space-around-equals'
  | 'trailing-whitespace'
  | 'inline-comment'
  | 'unquoted-hash'
  | 'unquoted-value'
  | 'export-prefix'
  | 'unterminated-quote'
  | 'duplicate-key'
  | 'invalid-key'
  | 'session-token-required'
  | 'unexpected-session-token'
  | 'conflicting-credential-sources'
  | 'incomplete-key-pair'
  | 'missing-region'
  | 'invalid-region'
  | 'malformed-access-key-id'
  | 'malformed-secret-access-key'
  | 'placeholder-credential'
  | 'invalid-typed-value'
  | 'env-file-not-ignored'
  | 'env-file-tracked'
  | 'example-drift'
  | 'credential-in-example'
  | 'unordered-key'
  | 'lowercase-key'
  | 'extra-blank-line'
  | 'ending-blank-line'
  | 'key-without-value'
  | 'substitution-key'
  | 'schema';

export type QuoteStyle = 'none' | 'single' | 'double' | 'backtick';

export interface EnvDocument {
  /** The text started with U+FEFF; it is kept out of the nodes and printed back first. */
  bom: boolean;
  nodes: EnvNode[];
  /** The Node line whose `--env-file` parser gave the `node` values (readers/node.ts). */
  nodeLine?: NodeLine;
  /**
   * Assignments a reader makes where the structure has no entry of that name: a line that credlint
   * (with dotenv) reads as part of a multi-line value, or a comment/garbage line, that python-dotenv or
   * Node read as a variable of their own. `offset` is where that reader's key starts.
   */
  readerOnly?: { reader: Reader; key: string; value: string | undefined; offset: number; line: number }[];
}

export type EnvNode = EnvEntry | EnvComment | EnvBlank | EnvError;

interface NodeBase {
  /** Offset of the first character (UTF-16 code units into the original text, BOM included). */
  start: number;
  /** Offset one past the last character, before the line break. */
  end: number;
  /** The node's text (multi-line for quoted values that span lines), without its final line break. */
  raw: string;
  /** The line break after the node: `\n`, `\r\n`, `\r`, or `` at the end of the file. */
  eol: string;
  /** 1-based line of `start`. */
  line: number;
  /** 1-based line of `end` (differs from `line` for multi-line values). */
  endLine: number;
}

export interface EnvEntry extends NodeBase {
  type: 'entry';
  key: string;
  /** `export KEY=…` */
  exported: boolean;
  quote: QuoteStyle;
  keyStart: number;
  keyEnd: number;
  /** The value token: from its first character (the opening quote, if any) … */
  valueStart: number;
  /** … to one past its last (the closing quote, if any). */
  valueEnd: number;
  /** Offset of the `=` (of the `:` for `separator: ':'`). */
  equals: number;
  /** Set for the YAML-like `KEY: value`, which only dotenv and Compose read. */
  separator?: ':';
  /** An inline comment: whitespace-preceded `#` after an unquoted value, or `#` after a closing quote. */
  comment?: { start: number; end: number; text: string };
  /** The quote was never closed (the value token then runs to the end of its line). */
  unterminated?: boolean;
  /** Text between the closing quote and the end of line that is neither whitespace nor a comment. */
  trailing?: { start: number; end: number; text: string };
  /** The value as each reader sees it; `undefined` = that reader skips, rejects or runs the line instead. */
  values: Record<Reader, string | undefined>;
  /**
   * Readers whose value depends on the runtime (command substitution, `$HOME`, `~`, unsupported
   * interpolation): their entry in `values` is `undefined` and means "cannot be known statically".
   */
  unknown?: Reader[];
}

export interface EnvComment extends NodeBase {
  type: 'comment';
  text: string;
}

export interface EnvBlank extends NodeBase {
  type: 'blank';
}

export interface EnvError extends NodeBase {
  type: 'error';
  message: string;
}

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  checkId: CheckId;
  /** The check's one severity (checks/severity.ts), or the user's override. */
  severity: Severity;
  /** Masked: never a whole credential. */
  message: string;
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The readers affected. */
  readers?: Reader[];
  fixable: boolean;
  /** When `fixable`: the certain fix as one text edit on the input text. */
  fix?: TextEdit;
}

export type CheckKind = 'format' | 'aws' | 'repository' | 'style';

export interface CheckMeta {
  id: CheckId;
  kind: CheckKind;
  description: string;
  docsUrl: string;
  fixable: boolean;
  /** Default severity, the same in every front end (checks/severity.ts). */
  severity: Severity;
  /**
   * Each diagnostic restates a finding of @credlint/core's scan at the same span, in this file's terms:
   * a host that reports core's findings on the same text too keeps this one there, not both.
   */
  restatesCore: boolean;
  /** Off unless asked for (the style checks and `schema`): not in `recommended`, not run by default. */
  optIn: boolean;
}

export type CheckSetting = 'off' | 'warning' | 'error' | boolean;

export type TypedKeySpec = 'number' | 'boolean' | string[];

/**
 * How git sees a file: `committed` (in HEAD: its values are in the history), `staged` (in the index
 * only: added, not committed yet), `untracked` (neither, and no ignore rule covers it), `ignored`.
 */
export type GitFileState = 'committed' | 'staged' | 'untracked' | 'ignored';

/**
 * What the repository checks know about a file, supplied by the host (`repositoryFacts(path)` asks git
 * and reads the example next to it; the CLI and ESLint hand it in). Absent fields: not known, and the
 * checks that need them say nothing.
 */
export interface RepositoryFacts {
  git?: GitFileState;
  /** The example file documenting this one (`.env.example`, …): its name, for messages, and its text. */
  example?: { name: string; text: string };
}

export interface ValidateOptions {
  filename?: string;
  /** Git state and sibling example for the repository checks (`env-file-tracked`, `env-file-not-ignored`, `example-drift`). */
  repository?: RepositoryFacts;
  dialect?: Dialect;
  checks?: Partial<Record<CheckId, CheckSetting>>;
  /** Extra AWS-style typed settings: key → `number`, `boolean` or the allowed values. */
  typedKeys?: Record<string, TypedKeySpec>;
  /**
   * Which Node line's `--env-file` parser the `node` reader models. Default: the line the nearest
   * `engines.node` names when `filename` is absolute (a relative one is not resolved against this
   * process's cwd), else the running Node's.
   */
  nodeLine?: NodeLine;
  /** A loaded `--schema` file (see `loadSchema`): turns the `schema` check on unless it is set off. */
  schema?: EnvSchema;
}

export type SchemaType = 'String' | 'Integer' | 'Float' | 'Boolean' | 'Url' | 'Email' | 'AwsRegion';

export interface SchemaEntry {
  type: SchemaType;
  required: boolean;
  /** dotenv-linter's `regex` (String only), compiled to credlint's linear-time matcher. */
  regex?: { source: string; test(value: string): boolean };
  /** credlint extra: the allowed values. */
  enum?: string[];
  /** credlint extra: the longest allowed value, in characters. */
  maxLength?: number;
}

export interface EnvSchema {
  version: string;
  allowOtherKeys: boolean;
  entries: Map<string, SchemaEntry>;
}

export interface Variable {
  key: string;
  value: string;
  start?: number;
  end?: number;
  line?: number;
}
