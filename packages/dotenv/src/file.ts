import { projectNodeLine } from './node-line.js';
import { closeSync, constants, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { unifiedDiff } from './diff.js';
import { awsSharedKind, isEnvFile } from './files.js';
import { fixThenValidate } from './fix.js';
import { repositoryFacts } from './repository.js';
import type { CheckId, CheckSetting, Diagnostic, Dialect, EnvSchema, ValidateOptions } from './types.js';
import { validate } from './validate.js';
import { validateAwsShared } from './validate-aws-shared.js';
import { snapshotOf, writeFileAtomicSync, type FileSnapshot } from './write.js';

/** Larger files are refused: an env file of this size is not one. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export interface ValidateFileOptions {
  cwd?: string;
  dialect?: Dialect;
  checks?: Partial<Record<CheckId, CheckSetting>>;
  typedKeys?: ValidateOptions['typedKeys'];
  /** See ValidateOptions.nodeLine (default: from the nearest `engines.node`, else the running Node). */
  nodeLine?: ValidateOptions['nodeLine'];
  /** Run the git repository checks (default true; skipped outside a work tree). */
  git?: boolean;
  /** Apply the certain fixes and write the file atomically. */
  fix?: boolean;
  /** With `fix`: compute the fix, write nothing, and return it as `diff`. */
  dryRun?: boolean;
  /** With `fix`: keep the original as `NAME.bak` (or `NAME.1.bak`, `NAME.2.bak`, …: an existing backup is never overwritten). */
  backup?: boolean;
  /** A loaded `--schema` (see `loadSchema`). */
  schema?: EnvSchema;
  /**
   * Called after the fix is computed, right before the file is replaced (a host's progress hook; tests
   * use it to change the file in between, which the writer must then refuse).
   */
  beforeWrite?: () => void | Promise<void>;
}

export interface FileResult {
  /** As given, relative to `cwd` when inside it. */
  file: string;
  diagnostics: Diagnostic[];
  /** An I/O or input problem (unreadable, directory, binary, invalid UTF-8, too large): nothing was checked. */
  error?: string;
  /** What kind of problem `error` is. */
  errorCode?: 'unreadable' | 'not-a-file' | 'too-large' | 'binary' | 'invalid-utf8';
  /** Set when `fix` was asked: whether the file was rewritten. */
  fixed?: boolean;
  /** With `dryRun`: the fix as a unified diff (paths as in `file`), '' when there is nothing to fix. */
  diff?: string;
  /** With `backup`: where the original was kept. */
  backupFile?: string;
  /**
   * The fix was computed but not written (read-only, hard links, changed since read, I/O error): the
   * file is unchanged and `diagnostics` are those of the file as it is.
   */
  writeError?: string;
}

/** Decodes a file's bytes, refusing binary and invalid UTF-8 with a clear reason. */
export function decodeText(bytes: Uint8Array): { text: string } | { error: string } {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { error: 'binary file (contains NUL bytes); not an env file' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    let i = 0;
    // find the first bad byte for the message
    const dec = new TextDecoder('utf-8', { fatal: true });
    for (let step = 1; i < bytes.length; i += step) {
      try {
        dec.decode(bytes.subarray(0, i + 1), { stream: true });
      } catch {
        break;
      }
    }
    return { error: `invalid UTF-8 near byte ${Math.min(i, bytes.length)}; every reader would misread it (docker refuses it)` };
  }
}

/**
 * Writes `text` to `file` atomically by the writer's rules (see write.ts: through links, never over a
 * device, keeping owner and mode, refusing read-only and hard-linked files, and — given `expected`, what
 * was read — refusing when the file changed since).
 */
export async function writeAtomic(file: string, text: string, expected?: FileSnapshot): Promise<void> {
  writeFileAtomicSync(file, text, expected ? { expected } : {});
}

function describeIoError(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return (e as Error).message ?? String(e);
}

/**
 * Reads and validates one file: env files get the format, AWS and repository checks; `~/.aws/credentials`
 * and `~/.aws/config` get the shared-file checks. Never throws for bad input: the reason is in `error`.
 */
export async function validateFile(path: string, options: ValidateFileOptions = {}): Promise<FileResult> {
  const cwd = options.cwd ?? process.cwd();
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  const file = rel && !rel.startsWith('..') ? rel : path;
  let bytes: Uint8Array;
  let snapshot: FileSnapshot;
  let handle: FileHandle | undefined;
  try {
    // Opened once: the descriptor read from is the one the writer checks for changes before replacing.
    // O_NONBLOCK: a FIFO named `.env` must not hang the open.
    handle = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = await handle.stat();
    const refuse = st.isDirectory()
      ? ({ error: 'is a directory, not a file', errorCode: 'not-a-file' } as const)
      : !st.isFile()
        ? ({ error: 'not a regular file', errorCode: 'not-a-file' } as const)
        : st.size > MAX_FILE_BYTES
          ? ({ error: `too large (${st.size} bytes; env files over ${MAX_FILE_BYTES} bytes are not checked)`, errorCode: 'too-large' } as const)
          : undefined;
    if (refuse) {
      await handle.close();
      return { file, diagnostics: [], ...refuse };
    }
    bytes = await handle.readFile();
    snapshot = snapshotOf(st, bytes, handle.fd);
  } catch (e) {
    await handle?.close();
    return { file, diagnostics: [], error: describeIoError(e), errorCode: 'unreadable' };
  }
  try {
    return await checkText(abs, file, bytes, snapshot, options);
  } finally {
    await handle.close();
  }
}

/**
 * Writes the original bytes to `NAME.bak` next to the path given (for a symbolic link: next to the
 * link), or the first free `NAME.N.bak`: created exclusively, never over an existing file, with the
 * original's permission bits (an env file's backup holds the same secrets). Returns the path.
 */
function keepBackup(abs: string, bytes: Uint8Array): string {
  const mode = statMode(abs);
  for (let n = 0; n < 1000; n++) {
    // `NAME.N.bak`, not `NAME.bak.N`: a name ending in `.bak` is never taken for an env file (so never linted or fixed)
    const path = join(dirname(abs), `${basename(abs)}${n === 0 ? '' : `.${n}`}.bak`);
    let fd: number;
    try {
      fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ELOOP') continue;
      throw e;
    }
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    } finally {
      closeSync(fd);
    }
    return path;
  }
  throw new Error(`no free backup name for ${abs} (NAME.bak to NAME.999.bak exist)`);
}

function statMode(abs: string): number {
  try {
    return statSync(abs).mode & 0o777;
  } catch {
    return 0o600;
  }
}

async function checkText(abs: string, file: string, bytes: Uint8Array, snapshot: FileSnapshot, options: ValidateFileOptions): Promise<FileResult> {
  const decoded = decodeText(bytes);
  if ('error' in decoded) return { file, diagnostics: [], error: decoded.error, errorCode: decoded.error.startsWith('binary') ? 'binary' : 'invalid-utf8' };
  const text = decoded.text;

  const shared = awsSharedKind(abs);
  if (shared) {
    return { file, diagnostics: validateAwsShared(text, { kind: shared, filename: file, ...(options.checks ? { checks: options.checks } : {}) }) };
  }

  // `file` may be relative to options.cwd: find the project's Node line from the absolute path
  const base: ValidateOptions = { filename: file, dialect: options.dialect ?? 'portable' };
  const nodeLine = options.nodeLine ?? projectNodeLine(abs);
  if (nodeLine) base.nodeLine = nodeLine;
  if (options.checks) base.checks = options.checks;
  if (options.typedKeys) base.typedKeys = options.typedKeys;
  if (options.schema) base.schema = options.schema;
  let current = text;
  const result: FileResult = { file, diagnostics: [] };
  let validateText = validate;
  if (options.fix) {
    const r = fixThenValidate(text, {
      dialect: base.dialect ?? 'portable',
      ...(options.checks ? { checks: options.checks } : {}),
      filename: file,
      ...(base.nodeLine ? { nodeLine: base.nodeLine } : {}),
    });
    result.fixed = false;
    // the fix parsed what it leaves: the checks below need not parse it again
    validateText = r.validate;
    if (options.dryRun) {
      // the whole text, BOM included: `git apply` compares bytes
      result.diff = r.changed ? unifiedDiff(file.split(sep).join('/'), text, r.output) : '';
      // what --fix would leave
      current = r.output;
    } else if (r.changed) {
      try {
        await options.beforeWrite?.();
        if (options.backup) result.backupFile = keepBackup(abs, bytes);
        try {
          writeFileAtomicSync(abs, r.output, { expected: snapshot });
        } catch (e) {
          // nothing was fixed: no stray copy of the file either
          if (result.backupFile) unlinkSync(result.backupFile);
          delete result.backupFile;
          throw e;
        }
        current = r.output;
        result.fixed = true;
      } catch (e) {
        // Not written: report the file as it is, and why the fix was not written.
        result.writeError = `could not write the fix: ${describeIoError(e)}`;
      }
    }
  }
  // The repository checks run inside `validate` like every other check, on facts gathered here.
  if (isEnvFile(abs)) base.repository = repositoryFacts(abs, { git: options.git !== false });
  result.diagnostics = validateText(current, base);
  return result;
}
