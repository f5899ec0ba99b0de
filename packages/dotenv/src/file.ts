import { chmod, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { awsSharedKind, isEnvFile } from './files.js';
import { fix } from './fix.js';
import { exampleDrift, repositoryDiagnostics } from './repository.js';
import type { CheckId, CheckSetting, Diagnostic, Dialect, ValidateOptions } from './types.js';
import { applySettings, enabled, validate } from './validate.js';
import { validateAwsShared } from './validate-aws-shared.js';
import { append } from './append.js';

/** Larger files are refused: an env file of this size is not one. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export interface ValidateFileOptions {
  cwd?: string;
  dialect?: Dialect;
  checks?: Partial<Record<CheckId, CheckSetting>>;
  typedKeys?: ValidateOptions['typedKeys'];
  /** Run the git repository checks (default true; skipped outside a work tree). */
  git?: boolean;
  /** Apply the certain fixes and write the file atomically. */
  fix?: boolean;
}

export interface FileResult {
  /** As given, relative to `cwd` when inside it. */
  file: string;
  diagnostics: Diagnostic[];
  /** An I/O or input problem (unreadable, directory, binary, invalid UTF-8, too large): nothing was checked. */
  error?: string;
  /** Set when `fix` was asked: whether the file was rewritten. */
  fixed?: boolean;
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

/** Writes `text` next to `path` and renames it over, keeping the file mode: readers see the old or the new file, never half of one. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  // Write through a symlink to its target: renaming over the link would replace it with a copy.
  const path = await realpath(file);
  const st = await stat(path);
  const tmp = join(dirname(path), `.${basename(path)}.credlint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', st.mode & 0o7777);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await chmod(tmp, st.mode & 0o7777);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
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
  try {
    const st = await stat(abs);
    if (st.isDirectory()) return { file, diagnostics: [], error: 'is a directory, not a file' };
    if (!st.isFile()) return { file, diagnostics: [], error: 'not a regular file' };
    if (st.size > MAX_FILE_BYTES) return { file, diagnostics: [], error: `too large (${st.size} bytes; env files over ${MAX_FILE_BYTES} bytes are not checked)` };
    bytes = await readFile(abs);
  } catch (e) {
    return { file, diagnostics: [], error: describeIoError(e) };
  }
  const decoded = decodeText(bytes);
  if ('error' in decoded) return { file, diagnostics: [], error: decoded.error };
  const text = decoded.text;

  const shared = awsSharedKind(abs);
  if (shared) {
    return { file, diagnostics: validateAwsShared(text, { kind: shared, filename: file, ...(options.checks ? { checks: options.checks } : {}) }) };
  }

  const base: ValidateOptions = { filename: file, dialect: options.dialect ?? 'portable' };
  if (options.checks) base.checks = options.checks;
  if (options.typedKeys) base.typedKeys = options.typedKeys;
  let current = text;
  const result: FileResult = { file, diagnostics: [] };
  if (options.fix) {
    const r = fix(text, { dialect: base.dialect ?? 'portable', ...(options.checks ? { checks: options.checks } : {}), filename: file });
    if (r.changed) {
      try {
        await writeAtomic(abs, r.output);
        current = r.output;
        result.fixed = true;
      } catch (e) {
        return { file, diagnostics: validate(text, base), error: `could not write the fix: ${describeIoError(e)}`, fixed: false };
      }
    } else result.fixed = false;
  }
  const diags = validate(current, base);
  if (isEnvFile(abs)) {
    if (options.git !== false && (enabled('env-file-not-ignored', options.checks) || enabled('env-file-tracked', options.checks))) {
      append(diags, await repositoryDiagnostics(abs, current));
    }
    if (enabled('example-drift', options.checks)) append(diags, exampleDrift(abs, current));
  }
  result.diagnostics = applySettings(diags, options.checks);
  return result;
}
