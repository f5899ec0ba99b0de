/**
 * One file in, reportable findings out. Runs on the main thread for small scans and inside
 * workers for large ones, so it takes plain data and returns plain (structured-cloneable) data.
 */
import { analyze, fingerprint, hintFor, LineIndex, type Finding, type FindingKind, type Position } from '@credlint/core';
import { SequentialPositions } from './positions.js';
import { isAscii, isUtf8, transcode } from 'node:buffer';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Dirent, type Stats } from 'node:fs';
import { fileNote } from '../exit-code.js';
import type { DialectInference, NodeLine } from '@credlint/dotenv';
import type { Dialect, DotenvApi, Diagnostic, EnvFileNames, RepositoryFacts } from '../dotenv-bridge.js';
import type { ScannedFile, ReportFinding, SkipCode } from '../types.js';

/** How git sees the file: decides whether credentials in an env file are a leak. */
export type GitState = 'tracked' | 'staged' | 'untracked' | 'ignored' | 'none';

export interface FileTask {
  /** Display path: relative to the cwd, `/`-separated. */
  file: string;
  /** Where to read it (absolute); absent when `content` is given (staged blobs). */
  abs?: string;
  content?: Uint8Array;
  git: GitState;
  /**
   * The walk's readdir said this is a regular file (readdir's types are lstat's): runTask skips its
   * own lstat. The open still refuses a link swapped in since (O_NOFOLLOW) and fstat a non-file.
   */
  regular?: boolean;
  /** A tracked file the tree prefilter's `git grep` read from the work tree (GitListed.grepped). */
  grepped?: boolean;
  /** Staged mode, added lines only: 1-based inclusive line ranges of the new content. */
  addedLines?: [number, number][];
  /** Env or AWS shared-config file (set by `tagEnvFiles`): runs the dotenv validator too. */
  env?: EnvKind;
  /** The env file's dialect (set on the main thread, which reads the files around it: `chooseDialect`). */
  dialect?: Dialect;
  /** When the dialect was inferred: the reader and why, added to the format findings' messages. */
  inference?: DialectInference;
  /** The Node line the project's `engines.node` names (set on the main thread from the absolute path); absent: the running Node's. */
  nodeLine?: NodeLine;
  /** Named on the command line as a file (not met in a directory): repository checks only with `--repo-checks`. */
  named?: boolean;
  /** Staged mode: the path is in HEAD too (a modified file), so git state `committed`, not only `staged`. */
  inHead?: boolean;
  /** Git state and sibling example for the repository checks, gathered on the main thread (see scan.ts). */
  repo?: RepositoryFacts;
}

export interface AnalyzeOptions {
  maxFileSize: number;
  /** Also report AWS account ids (configuration `accountId`). */
  accountId?: boolean;
}

const WITH_ACCOUNT_ID: readonly FindingKind[] = ['access-key-id', 'secret-access-key', 'session-token', 'bedrock-api-key', 'account-id'];

// git's own heuristic: a NUL byte in the first 8000 bytes means binary.
const BINARY_SNIFF = 8000;

/** UTF-16 with a byte-order mark (PowerShell 5's `>` and `Out-File` default): text, though full of NULs. */
export function utf16Bom(buf: Uint8Array): 'utf16le' | 'utf16be' | undefined {
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf16le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'utf16be';
  return undefined;
}

export function isBinary(buf: Uint8Array): boolean {
  if (utf16Bom(buf)) {
    // A NUL character in the decoded head means binary after all (UTF-32LE's BOM starts like UTF-16LE's).
    const head = decodeUtf16(buf.subarray(0, BINARY_SNIFF)).text;
    return head.includes('\0');
  }
  return buf.subarray(0, BINARY_SNIFF).indexOf(0) !== -1;
}

function asBuffer(buf: Uint8Array): Buffer {
  return Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Decodes UTF-16 after its BOM (not included in the text, like UTF-8's); an odd last byte is dropped and reported. */
function decodeUtf16(buf: Uint8Array): { text: string; valid: boolean } {
  const be = utf16Bom(buf) === 'utf16be';
  const body = asBuffer(buf).subarray(2);
  const even = body.subarray(0, body.length & ~1);
  // swap16 works in place: copy big-endian input so the caller's (scratch) buffer is untouched.
  const text = (be ? Buffer.from(even).swap16() : even).toString('utf16le');
  return { text, valid: even.length === body.length };
}

/**
 * Decodes UTF-8 (dropping a BOM) or UTF-16 with a BOM; text that is not valid UTF-8 is read as
 * Latin-1 so ASCII credentials are still found. Native checks first: most source files are pure ASCII.
 */
export function decode(buf: Uint8Array): { text: string; valid: boolean; encoding: 'utf8' | 'utf16le' | 'utf16be' } {
  const b = asBuffer(buf);
  const utf16 = utf16Bom(b);
  if (utf16) return { ...decodeUtf16(b), encoding: utf16 };
  return { ...decodeUtf8(b), encoding: 'utf8' };
}

/**
 * From this size on, valid non-ASCII UTF-8 is decoded through UTF-16 bytes (ICU's `transcode`, then
 * a plain copy): V8's own decoder leaves its fast path at the first non-ASCII byte, 3-4× slower on
 * large, mostly-ASCII files (JSON API models with a few curly quotes). Same text either way.
 */
const TRANSCODE_FROM = 32 * 1024;
/** Node built without ICU has no `transcode` (it throws): then V8's decoder. */
let canTranscode = true;

function utf8Text(b: Buffer): string {
  if (canTranscode && b.length >= TRANSCODE_FROM) {
    try {
      const u16 = transcode(b, 'utf8', 'utf16le');
      return u16.toString('utf16le');
    } catch {
      canTranscode = false;
    }
  }
  return b.toString('utf8');
}

function decodeUtf8(b: Buffer): { text: string; valid: boolean } {
  if (isAscii(b)) return { text: b.toString('latin1'), valid: true };
  if (isUtf8(b)) {
    const text = utf8Text(b);
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
  const kind = dotenv.checks[d.checkId]?.kind ?? 'format';
  const finding: ReportFinding = {
    file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    ruleId: d.checkId,
    kind,
    severity: d.severity,
    message: d.message,
    fingerprint,
  };
  if (kind === 'repository' && d.start === 0 && d.end === 0) finding.fileLevel = true;
  return finding;
}

/**
 * The key name of an env / AWS config line (`export A_B=…`, `key = …`, `KEY: …`), when the part
 * before the separator is name-shaped; otherwise '' (a line that is not KEY=VALUE may be a pasted
 * secret: nothing of it is used).
 */
export function envKeyName(line: string): string {
  const m = /^\s*(?:export\s+)?([A-Za-z_][\w.-]{0,127})\s*[=:]/.exec(line);
  return m?.[1] ?? '';
}

/**
 * Baseline identity of an env-file check: the check and the key name, never the value. A hash of
 * the line (`DB_PASSWORD=hunter2`) could be reversed from a committed baseline or public SARIF
 * with a dictionary; the key name is what a reviewer would call the finding anyway. Several
 * findings with one identity are told apart by count (each baseline entry absorbs one).
 */
export function envFingerprint(checkId: string, line: string): string {
  return fingerprint(`key:${envKeyName(line)}`, checkId);
}

/** Analyses one decoded file. `dotenv` is undefined when the validator is not available. */
export function analyzeText(
  text: string,
  task: FileTask,
  dotenv: DotenvApi | undefined,
  options?: Pick<AnalyzeOptions, 'accountId'>,
): Omit<ScannedFile, 'scanned' | 'note'> {
  const lines = new LineIndex(text);
  const core = analyze(text, { filename: task.file, ...(options?.accountId ? { kinds: WITH_ACCOUNT_ID } : {}) });
  const envKind = dotenv ? task.env : undefined;
  // A gitignored env file is where credentials are meant to live: validate it, don't call it a leak.
  const leak = !(envKind && task.git === 'ignored');
  let diagnostics: Diagnostic[] = [];
  if (dotenv && envKind) {
    // the Node line the project's engines ask for, decided on the main thread (absent: the running release's parser)
    const nodeLine = task.nodeLine;
    diagnostics =
      envKind === 'credentials' || envKind === 'config'
        ? dotenv.validateAwsShared(text, { kind: envKind, filename: task.file })
        : dotenv.annotate(
            dotenv.validate(text, {
              filename: task.file,
              dialect: task.dialect ?? 'portable',
              ...(task.repo ? { repository: task.repo } : {}),
              ...(nodeLine ? { nodeLine } : {}),
            }),
            task.inference,
          );
  }
  // A check that restates a core finding (in an example file: "…, which is committed") replaces it.
  const restated = new Set(diagnostics.filter((d) => dotenv?.checks[d.checkId]?.restatesCore).map((d) => `${d.start}:${d.end}`));
  const findings: ReportFinding[] = leak
    ? fromCoreAll(restated.size ? core.findings.filter((f) => !restated.has(`${f.start}:${f.end}`)) : core.findings, text, task.file)
    : [];
  let ignored = leak ? core.ignored.length : 0;
  if (dotenv) for (const d of diagnostics) findings.push(fromDotenv(d, dotenv, task.file, envFingerprint(d.checkId, lines.lineText(d.line))));
  let out = findings;
  if (task.addedLines) {
    const ranges = task.addedLines;
    // Ranges are in git's line numbers (`\n` only); findings count a lone `\r` as a break too.
    const toGit = gitLineNumbers(text, lines);
    out = findings.filter((f) => f.fileLevel === true || inRanges(toGit(f.line), toGit(f.endLine), ranges));
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

/**
 * Every env file name holds `.env` (`.env`, `.env.*`, `*.env`) and every AWS shared file sits in a
 * `.aws` directory: one substring test rules out most paths before the predicates, which normalise
 * and split each path (50 ms over a 9,000-file tree). Tested against the predicates.
 */
export function mayBeEnvName(file: string): boolean {
  return file.includes('.env') || file.includes('.aws');
}

export function envKindOf(file: string, dotenv: EnvFileNames): EnvKind | undefined {
  if (!mayBeEnvName(file)) return undefined;
  const aws = dotenv.awsSharedKind(file);
  if (aws) return aws;
  if (dotenv.isEnvExampleFile(file)) return 'example';
  if (dotenv.isEnvFile(file)) return 'env';
  return undefined;
}

/** Reads (if needed), sniffs and analyses one file; never throws. */
function skipped(task: FileTask, code: SkipCode, message: string): ScannedFile {
  return { file: task.file, findings: [], ignored: 0, scanned: false, note: fileNote(task.file, code, message) };
}

function tooLarge(task: FileTask, size: number, options: AnalyzeOptions): ScannedFile {
  return skipped(task, 'too-large', `not scanned: ${size} bytes is over the size limit of ${options.maxFileSize} (raise it with --max-file-size)`);
}

/**
 * Analyses one file's bytes; `size` is the whole file's when `buf` holds only the head of an
 * over-limit file (then binary is a note and text is `too-large`, which fails the scan).
 */
export function analyzeBuffer(buf: Uint8Array, task: FileTask, options: AnalyzeOptions, dotenv: DotenvApi | undefined, size = buf.length): ScannedFile {
  if (isBinary(buf)) return skipped(task, 'binary', 'skipped: binary file');
  if (size > options.maxFileSize) return tooLarge(task, size, options);
  const { text, valid, encoding } = decode(buf);
  let result: ScannedFile;
  try {
    result = { ...analyzeText(text, task, dotenv, options), scanned: true };
  } catch (e) {
    return skipped(task, 'analysis-failed', `not scanned: analysis failed (${(e as Error).message})`);
  }
  if (!valid) {
    const message = encoding === 'utf8' ? 'not valid UTF-8: scanned as Latin-1' : 'UTF-16 with an odd number of bytes: scanned without the last byte';
    result.note = fileNote(task.file, 'invalid-utf8', message);
  }
  return result;
}

let scratch = Buffer.allocUnsafe(0);

// O_NOFOLLOW: a link swapped in after lstat is refused (ELOOP), not followed. O_NONBLOCK: a FIFO
// swapped in is not waited on (fstat then refuses it). Both are 0 where the platform lacks them.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function readInto(fd: number, buf: Buffer, length: number): number {
  let off = 0;
  while (off < length) {
    const n = readSync(fd, buf, off, length - off, off);
    if (n === 0) break;
    off += n;
  }
  return off;
}

/**
 * Reads a task's bytes and analyses them; never throws. lstat first: a symbolic link is never
 * followed and a FIFO, socket or device never opened. An over-size file is read only far enough
 * to tell text (fatal: not scanned) from binary (a note).
 */
export function runTask(task: FileTask, options: AnalyzeOptions, dotenv: DotenvApi | undefined): ScannedFile {
  if (task.content) return analyzeBuffer(task.content, task, options, dotenv);
  const where = task.abs ?? task.file;
  let fd: number | undefined;
  try {
    if (!task.regular) {
      const lst = lstatSync(where);
      if (lst.isSymbolicLink()) return skipped(task, 'symlink', SYMLINK_MESSAGE);
      if (!lst.isFile()) return skipped(task, 'not-a-file', `skipped: ${specialKind(lst)}, not a regular file (never opened)`);
    }
    fd = openSync(where, OPEN_FLAGS);
    const st = fstatSync(fd);
    // A FIFO swapped in after the listing is open (O_NONBLOCK: not waited on) but never read.
    if (!st.isFile()) return skipped(task, 'not-a-file', `skipped: ${specialKind(st)}, not a regular file`);
    const want = st.size > options.maxFileSize ? Math.min(st.size, BINARY_SNIFF) : st.size;
    // One scratch buffer, grown as needed: the bytes are decoded to a string and never kept.
    if (scratch.length < want) scratch = Buffer.allocUnsafe(Math.max(want, scratch.length * 2, 64 * 1024));
    const got = readInto(fd, scratch, want);
    return analyzeBuffer(scratch.subarray(0, got), task, options, dotenv, st.size > options.maxFileSize ? st.size : got);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    // git lists index entries whatever the work tree holds: a deleted tracked file, a path outside
    // a sparse checkout. Outside git the file went away during the scan. Either way nothing to read.
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const why =
        task.git === 'tracked' || task.git === 'untracked'
          ? 'listed by git but absent from the work tree (deleted, or outside a sparse checkout)'
          : 'removed during the scan';
      return skipped(task, 'deleted', `skipped: ${why}`);
    }
    if (code === 'ELOOP') return skipped(task, 'symlink', SYMLINK_MESSAGE);
    return skipped(task, 'unreadable', `could not read: ${code}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export const SYMLINK_MESSAGE = 'skipped: symbolic link (not followed)';

/** What a path that is neither a regular file nor a directory is, for its note. */
export function specialKind(st: Stats | Dirent): string {
  if (st.isFIFO()) return 'named pipe (FIFO)';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isDirectory()) return 'directory';
  return 'special file';
}
