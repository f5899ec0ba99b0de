/**
 * The one file writer of credlint (the dotenv fixer, `scan -o`, the baseline, `init`): a temp file in
 * the target's directory renamed over it, so readers see the old or the new file, never half of one.
 * - Symbolic links are written through: the link's final target is replaced, the link stays.
 * - Devices, FIFOs and sockets (`-o /dev/stdout`) are written to directly, never replaced.
 * - Owner, group and mode are kept (the temp file is fchown'ed/fchmod'ed before the rename).
 * - Read-only files and files with several hard links are refused: replacing either would change
 *   what the user set up (a 0444 file made writable; a hard link split off into a copy).
 * - Given what the caller read, it refuses when the file changed since (a concurrent edit).
 * - The temp file is removed on any failure.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** What a caller read: compared again right before the rename. */
export interface FileSnapshot {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  /** sha256 of the bytes read. */
  hash: string;
  /** The descriptor the bytes were read from, if still open: checked for in-place changes too. */
  fd?: number;
}

export type WriteRefusal = 'changed' | 'read-only' | 'hard-links' | 'not-a-file' | 'owner';

/** A write credlint refused, with the reason in words; nothing was changed. */
export class WriteRefusedError extends Error {
  readonly code = 'EREFUSED';
  constructor(
    readonly reason: WriteRefusal,
    message: string,
  ) {
    super(message);
  }
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function snapshotOf(st: Pick<Stats, 'dev' | 'ino' | 'size' | 'mtimeMs'>, bytes: Uint8Array, fd?: number): FileSnapshot {
  const s: FileSnapshot = { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, hash: hashBytes(bytes) };
  if (fd !== undefined) s.fd = fd;
  return s;
}

/** The path a write to `file` lands on: symbolic links followed to the end (the last one may dangle). */
export function writeTarget(file: string): string {
  let path = resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return path;
      throw e;
    }
    if (!st.isSymbolicLink()) return path;
    path = resolve(dirname(path), readlinkSync(path));
  }
  const e = new Error(`too many levels of symbolic links: ${file}`) as NodeJS.ErrnoException;
  e.code = 'ELOOP';
  throw e;
}

function writeAll(fd: number, data: Buffer): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += writeSync(fd, data, off, data.length - off);
    } catch (e) {
      // a non-blocking pipe (Node's own stdout can be one) that is full: wait for the reader
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
  }
}

function changedSince(target: string, expected: FileSnapshot): string | undefined {
  let now: Stats;
  try {
    now = statSync(target);
  } catch {
    return 'it was removed';
  }
  if (now.dev !== expected.dev || now.ino !== expected.ino) return 'it was replaced';
  if (expected.fd !== undefined) {
    const held = fstatSync(expected.fd);
    if (held.size !== expected.size || held.mtimeMs !== expected.mtimeMs) return 'it was modified';
  }
  if (now.size !== expected.size || now.mtimeMs !== expected.mtimeMs) return 'it was modified';
  // Same size and time stamp (a coarse clock, or set back on purpose): compare the bytes.
  if (hashBytes(readFileSync(target)) !== expected.hash) return 'its content changed';
  return undefined;
}

function mode(st: Stats): string {
  return `0${(st.mode & 0o777).toString(8)}`;
}

export interface WriteOptions {
  /** What the caller read: the write is refused if the file is not that file any more. */
  expected?: FileSnapshot;
  /** Create missing parent directories (for new report or baseline files). */
  mkdir?: boolean;
}

/** Writes `data` to `file` by the rules above. Throws WriteRefusedError (or the I/O error) without changing anything. */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let st: Stats | undefined;
  try {
    st = statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (st === undefined && options.expected) throw new WriteRefusedError('changed', `${file} changed since it was read (it was removed); nothing written`);
  if (st && !st.isFile()) {
    if (st.isDirectory()) throw new WriteRefusedError('not-a-file', `${file} is a directory`);
    // A device, FIFO or socket (`-o /dev/stdout`): write to it, never replace it. Our own stdout or
    // stderr is written through its descriptor: a socket (how a parent process often pipes us) cannot
    // be opened by path (ENXIO).
    const own = [1, 2].find((n) => {
      try {
        const o = fstatSync(n);
        return o.dev === st.dev && o.ino === st.ino;
      } catch {
        return false;
      }
    });
    if (own !== undefined) {
      writeAll(own, bytes);
      return;
    }
    const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND);
    try {
      writeAll(fd, bytes);
    } finally {
      closeSync(fd);
    }
    return;
  }
  // The file the links lead to (a new file: where the last, dangling link points).
  const target = st ? realpathSync.native(file) : writeTarget(file);
  if (st) {
    if ((st.mode & 0o222) === 0)
      throw new WriteRefusedError('read-only', `${file} is read-only (mode ${mode(st)}): not rewritten; make it writable to change it`);
    if (st.nlink > 1) {
      throw new WriteRefusedError(
        'hard-links',
        `${file} has ${st.nlink} hard links: replacing it would split them, and writing in place is not atomic; not rewritten (break the link or edit it by hand)`,
      );
    }
  }
  const dir = dirname(target);
  if (!st && options.mkdir) mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(target)}.credlint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, st ? st.mode & 0o7777 : 0o666);
  let renamed = false;
  try {
    try {
      writeAll(fd, bytes);
      fsyncSync(fd);
      if (st) {
        const uid = process.getuid?.();
        const gid = process.getgid?.();
        if (st.uid !== uid || st.gid !== gid) {
          try {
            fchownSync(fd, st.uid, st.gid);
          } catch (e) {
            throw new WriteRefusedError(
              'owner',
              `${file} belongs to ${st.uid}:${st.gid} and its replacement could not be given the same owner (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); not rewritten`,
            );
          }
        }
        // after fchown, which clears set-id bits; and the umask may have narrowed the create mode
        fchmodSync(fd, st.mode & 0o7777);
      }
    } finally {
      closeSync(fd);
    }
    if (options.expected) {
      const why = changedSince(target, options.expected);
      if (why) throw new WriteRefusedError('changed', `${file} changed since it was read (${why}); nothing written — run again`);
    }
    renameSync(tmp, target);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        unlinkSync(tmp);
      } catch {
        // already gone
      }
    }
  }
}
