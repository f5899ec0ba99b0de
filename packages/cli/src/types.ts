/** One reported problem, in the shape of DESIGN.md's JSON `findings[]` plus internal fields. */
export interface ReportFinding {
  /** Path relative to the current directory, `/`-separated. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Core rule id (`aws-access-key-id`, …) or dotenv check id (`quoted-value`, `env-file-tracked`, …). */
  ruleId: string;
  /** Core finding kind, or the dotenv check's kind (`format`, `aws`, `repository`). */
  kind: string;
  severity: 'error' | 'warning';
  /** Already masked. */
  message: string;
  /** One line on what to do (stylish + SARIF only; not part of the JSON contract). */
  hint?: string;
  /** One-way hash identifying the finding for baselines; never the value. */
  fingerprint: string;
}

/** Why a file was not (fully) scanned. Listed in `summary.errors`, never dropped silently. */
export type SkipCode = 'binary' | 'too-large' | 'unreadable' | 'invalid-utf8' | 'not-a-file' | 'write-failed';

export interface FileNote {
  file: string;
  code: SkipCode;
  message: string;
}

export interface FileResult {
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
