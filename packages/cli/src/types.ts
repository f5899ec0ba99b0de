import type { FindingKind } from '@credlint/core';
import type { CheckKind } from '@credlint/dotenv';
/** One reported problem, in the shape of the JSON `findings[]` in docs/cli.md (Output) plus internal fields. */
export interface ReportFinding {
  /** Path relative to the current directory, `/`-separated. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Core rule id (`aws-access-key-id`, …) or dotenv check id (`quoted-value`, `env-file-tracked`, …). */
  ruleId: string;
  /** Core finding kind, or the dotenv check's kind (`format`, `aws`, `repository`, `style`). */
  kind: FindingKind | CheckKind;
  severity: 'error' | 'warning';
  /** Already masked. */
  message: string;
  /** One line on what to do (stylish + SARIF only; not part of the JSON contract). */
  hint?: string;
  /** One-way hash identifying the finding for baselines; never the value. */
  fingerprint: string;
  /** About the whole file (a repository check at offset 0): `--staged` keeps it whatever lines the commit adds. */
  fileLevel?: boolean;
}

/**
 * Why a path was not (fully) scanned. Listed in `summary.errors`, never dropped silently. Fatal
 * codes (exit 2) mean credlint could not look; notes (exit 0) are things it chose not to read.
 * See exit-code.ts and docs/cli.md "Fail-closed rules".
 */
export type SkipCode =
  // fatal
  | 'unreadable'
  | 'too-large'
  | 'missing'
  | 'write-failed'
  | 'analysis-failed'
  // notes
  | 'binary'
  | 'not-a-file'
  | 'symlink'
  | 'deleted'
  | 'invalid-utf8'
  // notes the git listing adds (nested work trees)
  | 'submodule'
  | 'submodule-not-checked-out';

export interface FileNote {
  file: string;
  /** A SkipCode for scan; other commands have their own codes (`shared-file-unreadable`, …). */
  code: SkipCode | (string & {});
  message: string;
  /**
   * True when the path could not be scanned (exit 2); false for a note (exit 0). Optional so
   * commands that build notes by hand still type-check; exit-code.ts fills it from the code.
   */
  fatal?: boolean;
}

/** What `scan` learnt about one file (dotenv's `validateFile` answers with its own `FileResult`). */
export interface ScannedFile {
  file: string;
  findings: ReportFinding[];
  /** Findings silenced by inline `credlint-ignore` directives. */
  ignored: number;
  note?: FileNote;
  /** True when the file was read and analysed (possibly with a note, e.g. invalid UTF-8). */
  scanned: boolean;
}

export interface Summary {
  files: number;
  findings: number;
  ignored: number;
  errors: FileNote[];
}

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** A usage error: exit code 2 with the message and a pointer to --help. */
export class UsageError extends Error {}

/** A configuration file that cannot be used (config.ts): exit 2, naming the file and the key; no pointer to --help. */
export class ConfigError extends UsageError {}
