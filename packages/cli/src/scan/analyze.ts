/**
 * One file in, reportable findings out. Runs on the main thread for small scans and inside
 * workers for large ones, so it takes plain data and returns plain (structured-cloneable) data.
 */
import { analyze, fingerprint, hintFor, LineIndex, type Finding, type Position } from '@credlint/core';
import { SequentialPositions } from './positions.js';
import { isAscii, isUtf8 } from 'node:buffer';
import type { DotenvApi, Diagnostic, EnvFileNames } from '../dotenv-bridge.js';
import type { FileResult, ReportFinding } from '../types.js';

/** How git sees the file: decides whether credentials in an env file are a leak. */
export type GitState = 'tracked' | 'staged' | 'untracked' | 'ignored' | 'none';

export interface FileTask {
  /** Display path: relative to the cwd, `/`-separated. */
  file: string;
  /** Where to read it (absolute); absent when `content` is given (staged blobs). */
  abs?: string;
  content?: Uint8Array;
  git: GitState;
  /** Staged mode, added lines only: 1-based inclusive line ranges of the new content. */
  addedLines?: [number, number][];
  /** Env or AWS shared-config file (set by `tagEnvFiles`): runs the dotenv validator too. */
  env?: EnvKind;
}

export interface AnalyzeOptions {
  maxFileSize: number;
}

// git's own heuristic: a NUL byte in the first 8000 bytes means binary.
const BINARY_SNIFF = 8000;

export function isBinary(buf: Uint8Array): boolean {
  return buf.subarray(0, BINARY_SNIFF).indexOf(0) !== -1;
}

/**
 * Decodes UTF-8 (dropping a BOM); text that is not valid UTF-8 is read as Latin-1 so ASCII
 * credentials are still found. Native checks first: most source files are pure ASCII.
 */
export function decode(buf: Uint8Array): { text: string; valid: boolean } {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (isAscii(b)) return { text: b.toString('latin1'), valid: true };
  if (isUtf8(b)) {
    const text = b.toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, valid: true };
  }
  return { text: b.toString('latin1'), valid: false };
}

/**
 * Maps core's line numbers (breaks at `\r\n`, `\n` and a lone `\r`) to git's (`\n` only), which `git diff`
 * reports added lines in. The same numbers unless the text has a lone `\r`.
 */
export function gitLineNumbers(text: string, lines: LineIndex): (line: number) => number {
  if (!/\r(?!\n)/.test(text)) return (line) => line;
  const starts = lines.lineStarts;
  const git = new Array<number>(starts.length);
  let newlines = 0;
  // One forward pass: each `\n` is found once, however many `\r`-only lines lie between two of them.
  let next = text.indexOf('\n');
  for (let i = 0; i < starts.length; i++) {
    const at = starts[i] ?? 0;
    while (next !== -1 && next < at) {
      newlines++;
      next = text.indexOf('\n', next + 1);
    }
    git[i] = newlines + 1;
  }
  return (line) => git[Math.max(0, Math.min(line, starts.length) - 1)] ?? line;
}

function inRanges(line: number, endLine: number, ranges: [number, number][]): boolean {
  for (const [a, b] of ranges) if (line <= b && endLine >= a) return true;
  return false;
}

function fromCore(f: Finding, text: string, start: Position, end: Position, file: string): ReportFinding {
  return {
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ruleId: f.ruleId,
    kind: f.kind,
    severity: f.confidence === 'low' ? 'warning' : 'error',
    message: f.message,
    hint: hintFor(f),
    fingerprint: fingerprint(text.slice(f.start, f.end), f.ruleId),
  };
}

/** Core findings (in text order) with their positions, found in one forward pass. */
function fromCoreAll(findings: Finding[], text: string, file: string): ReportFinding[] {
  if (findings.length === 0) return [];
  const offsets = [...new Set(findings.flatMap((f) => [f.start, f.end]))].sort((a, b) => a - b);
  const seq = new SequentialPositions(text);
  const at = new Map(offsets.map((o) => [o, seq.positionAt(o)]));
  return findings.map((f) => fromCore(f, text, at.get(f.start) as Position, at.get(f.end) as Position, file));
}

/** A dotenv diagnostic as a report finding; `fingerprint` identifies it for baselines (never the value). */
export function fromDotenv(d: Diagnostic, dotenv: Pick<DotenvApi, 'checks'>, file: string, fingerprint: string): ReportFinding {
  return {
    file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    ruleId: d.checkId,
    kind: dotenv.checks[d.checkId]?.kind ?? 'format',
    severity: d.severity,
    message: d.message,
    fingerprint,
  };
}

function repositoryFinding(file: string, git: GitState, hasCredentials: boolean): ReportFinding | undefined {
  const severity = hasCredentials ? 'error' : 'warning';
  const why = hasCredentials ? ' and holds credentials' : '';
  let ruleId: string;
  let message: string;
  if (git === 'tracked' || git === 'staged') {
    ruleId = 'env-file-tracked';
    message = `${file} is ${git === 'staged' ? 'staged for commit' : 'tracked by git'}${why}: env files are local; commit a .env.example instead and \`git rm --cached ${file}\``;
  } else if (git === 'untracked') {
    ruleId = 'env-file-not-ignored';
    message = `${file} is not ignored by git${why}: one \`git add .\` commits it; add it to .gitignore`;
  } else return undefined;
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, ruleId, kind: 'repository', severity, message, fingerprint: ruleId };
}

/** Analyses one decoded file. `dotenv` is undefined when the validator is not available. */
export function analyzeText(text: string, task: FileTask, dotenv: DotenvApi | undefined): Omit<FileResult, 'scanned' | 'note'> {
  const lines = new LineIndex(text);
  const core = analyze(text, { filename: task.file });
  const envKind = dotenv ? task.env : undefined;
  // A gitignored env file is where credentials are meant to live: validate it, don't call it a leak.
  const leak = !(envKind && task.git === 'ignored');
  const findings: ReportFinding[] = leak ? fromCoreAll(core.findings, text, task.file) : [];
  let ignored = leak ? core.ignored.length : 0;
  if (dotenv && envKind) {
    const diagnostics =
      envKind === 'credentials' || envKind === 'config'
        ? dotenv.validateAwsShared(text, { kind: envKind, filename: task.file })
        : dotenv.validate(text, { filename: task.file });
    const coreLines = new Set(findings.map((f) => f.line));
    for (const d of diagnostics) {
      // Core already reports the credential itself on that line, with its masked value.
      if (d.checkId === 'credential-in-example' && coreLines.has(d.line)) continue;
      // The line's content, hashed: survives the line moving, never stores it.
      findings.push(fromDotenv(d, dotenv, task.file, fingerprint(lines.lineText(d.line).trim(), d.checkId)));
    }
    if (envKind === 'env') {
      const repo = repositoryFinding(task.file, task.git, core.findings.length > 0);
      if (repo) findings.push(repo);
    }
  }
  let out = findings;
  if (task.addedLines) {
    const ranges = task.addedLines;
    // Ranges are in git's line numbers (`\n` only); findings count a lone `\r` as a break too.
    const toGit = gitLineNumbers(text, lines);
    out = findings.filter((f) => f.kind === 'repository' || inRanges(toGit(f.line), toGit(f.endLine), ranges));
    ignored = core.ignored.filter((f) => inRanges(toGit(lines.lineOf(f.start)), toGit(lines.lineOf(f.end)), ranges)).length;
    if (!leak) ignored = 0;
  }
  out.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { file: task.file, findings: out, ignored };
}

export type EnvKind = 'env' | 'example' | 'credentials' | 'config';

/** Marks env and AWS config files once, on the main thread, so workers load the validator only when needed. */
export function tagEnvFiles(tasks: FileTask[], dotenv: EnvFileNames | undefined): void {
  if (!dotenv) return;
  for (const t of tasks) {
    const kind = envKindOf(t.file, dotenv);
    if (kind) t.env = kind;
  }
}

export function envKindOf(file: string, dotenv: EnvFileNames): EnvKind | undefined {
  const aws = dotenv.awsSharedKind(file);
  if (aws) return aws;
  if (dotenv.isEnvExampleFile(file)) return 'example';
  if (dotenv.isEnvFile(file)) return 'env';
  return undefined;
}

/** Reads (if needed), sniffs and analyses one file; never throws. */
export function analyzeBuffer(buf: Uint8Array, task: FileTask, options: AnalyzeOptions, dotenv: DotenvApi | undefined): FileResult {
  if (buf.length > options.maxFileSize) {
    return {
      file: task.file,
      findings: [],
      ignored: 0,
      scanned: false,
      note: { file: task.file, code: 'too-large', message: `skipped: ${buf.length} bytes is over the --max-file-size limit of ${options.maxFileSize}` },
    };
  }
  if (isBinary(buf)) {
    return { file: task.file, findings: [], ignored: 0, scanned: false, note: { file: task.file, code: 'binary', message: 'skipped: binary file' } };
  }
  const { text, valid } = decode(buf);
  const result: FileResult = { ...analyzeText(text, task, dotenv), scanned: true };
  if (!valid) result.note = { file: task.file, code: 'invalid-utf8', message: 'not valid UTF-8: scanned as Latin-1' };
  return result;
}

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

let scratch = Buffer.allocUnsafe(0);

/** Reads a task's bytes (stat first, so an over-size file is never read) and analyses them; never throws. */
export function runTask(task: FileTask, options: AnalyzeOptions, dotenv: DotenvApi | undefined): FileResult {
  if (task.content) return analyzeBuffer(task.content, task, options, dotenv);
  const skip = (code: 'unreadable' | 'too-large' | 'not-a-file', message: string): FileResult => ({
    file: task.file,
    findings: [],
    ignored: 0,
    scanned: false,
    note: { file: task.file, code, message },
  });
  let fd: number | undefined;
  try {
    fd = openSync(task.abs ?? task.file, 'r');
    const st = fstatSync(fd);
    if (!st.isFile()) return skip('not-a-file', 'skipped: not a regular file');
    if (st.size > options.maxFileSize) {
      return skip('too-large', `skipped: ${st.size} bytes is over the --max-file-size limit of ${options.maxFileSize}`);
    }
    // One scratch buffer, grown as needed: the bytes are decoded to a string and never kept.
    if (scratch.length < st.size) scratch = Buffer.allocUnsafe(Math.max(st.size, scratch.length * 2, 64 * 1024));
    const buf = scratch;
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return analyzeBuffer(buf.subarray(0, off), task, options, dotenv);
  } catch (e) {
    return skip('unreadable', `could not read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
