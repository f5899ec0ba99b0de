import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/**
 * Largest file doctor reads (shared files, SSO cache files, .env). Real ~/.aws/config files with
 * thousands of profiles stay far below; a bigger one is reported, never read (time and memory).
 */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; code: 'ENOENT' | 'too-large' | 'not-a-file' | string; size?: number };

/**
 * Reads a regular file of at most `limit` bytes as UTF-8. Checks the type before opening (a FIFO would
 * block `open`), and reads at most `limit + 1` bytes, so a file that grows after the check is still caught.
 */
export function readCapped(path: string, limit = MAX_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { ok: false, code: 'not-a-file' };
    if (st.size > limit) return { ok: false, code: 'too-large', size: st.size };
    fd = openSync(path, 'r');
  } catch (err) {
    return { ok: false, code: (err as NodeJS.ErrnoException).code ?? 'error' };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, code: 'not-a-file' };
    const buf = Buffer.alloc(Math.min(st.size, limit) + 1);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n === buf.length) break;
    }
    if (n > limit) return { ok: false, code: 'too-large', size: Math.max(st.size, n) };
    if (n === buf.length) {
      // The file grew past what fstat said, but still under the limit: read the rest (bounded).
      const rest = Buffer.alloc(limit + 1 - n);
      let m = 0;
      for (;;) {
        const r = readSync(fd, rest, m, rest.length - m, null);
        if (r === 0) break;
        m += r;
        if (m === rest.length) break;
      }
      if (n + m > limit) return { ok: false, code: 'too-large', size: n + m };
      return { ok: true, text: Buffer.concat([buf.subarray(0, n), rest.subarray(0, m)]).toString('utf8') };
    }
    return { ok: true, text: buf.subarray(0, n).toString('utf8') };
  } catch (err) {
    return { ok: false, code: (err as NodeJS.ErrnoException).code ?? 'error' };
  } finally {
    closeSync(fd);
  }
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} bytes`;
}
