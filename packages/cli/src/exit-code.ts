/**
 * The one place that decides exit codes (docs/cli.md, "Exit codes" and "Fail-closed rules"):
 * 2 when anything that should have been scanned was not (or a write failed), else 1 for findings
 * at error level (or too many warnings), else 0. Notes — things deliberately not read, such as
 * binaries or symbolic links — are listed but do not change the code.
 */
import type { FileNote, SkipCode } from './types.js';

/** Codes that are notes (exit 0). Every other code — including ones this table does not know — is fatal. */
const NOTE_CODES: ReadonlySet<string> = new Set<SkipCode>([
  'binary',
  'not-a-file',
  'symlink',
  'deleted',
  'invalid-utf8',
  'submodule',
  'submodule-not-checked-out',
]);

/** Exit code when the reader of stdout went away (`credlint scan | head -1`): 128 + SIGPIPE, as a shell reports it. */
export const EXIT_BROKEN_PIPE = 141;

export function isFatal(note: Pick<FileNote, 'code' | 'fatal'>): boolean {
  return note.fatal ?? !NOTE_CODES.has(note.code);
}

/** A summary.errors entry with its `fatal` flag set from the code. */
export function fileNote(file: string, code: SkipCode, message: string): FileNote {
  return { file, code, message, fatal: !NOTE_CODES.has(code) };
}

/** The `{file, code, message, fatal}` shape summary.errors carries in JSON. */
export function withFatal<T extends Pick<FileNote, 'code' | 'fatal'>>(note: T): T & { fatal: boolean } {
  return { ...note, fatal: isFatal(note) };
}

export interface ExitInput {
  /** summary.errors: fatal entries make the exit code 2. */
  notes: readonly Pick<FileNote, 'code' | 'fatal'>[];
  /** Findings at error level (after inline ignores and the baseline). */
  errors: number;
  warnings: number;
  maxWarnings?: number | undefined;
}

export function exitCode({ notes, errors, warnings, maxWarnings }: ExitInput): 0 | 1 | 2 {
  if (notes.some(isFatal)) return 2;
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) return 1;
  return 0;
}
