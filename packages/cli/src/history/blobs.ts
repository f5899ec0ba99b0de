/**
 * One `git cat-file --batch` process and the scan of what it streams back, blob by blob. Each
 * history worker owns one (so git's inflating runs in as many processes as there are workers, and
 * blob bytes never cross threads); small histories use one on the main thread.
 */
import { spawn } from 'node:child_process';
import { isUtf8 } from 'node:buffer';
import { GitError, gitArgv, gitEnv, spawnFailure } from '../git.js';
import { analyzeBuffer, isBinary, utf16Bom } from '../scan/analyze.js';
import { mayHaveFindings, PREFILTER_REACH } from './prefilter.js';
import type { FileNote, ReportFinding } from '../types.js';

/** A blob to scan: its id, the path it is scanned as (file-name rules), its place in the queue. */
export interface BlobRequest {
  id: string;
  file: string;
  seq: number;
  /** Another version of the same path (the other side of a modification), sent to this scanner earlier: the delta test's reference. */
  ref?: string;
  /** Other versions will be tested against this one: keep it if the byte test clears it. */
  keep?: boolean;
}

/** What a scanner saw. Blobs without findings leave only counts behind. */
export interface BlobTally {
  scanned: number;
  binary: number;
  invalidUtf8: number;
  /** Findings silenced by inline `credlint-ignore`, once per unique blob. */
  ignored: number;
  found: { id: string; findings: ReportFinding[] }[];
  /** Not scanned, with the queue position (`seq`) so reports list them in the same order however the work was split. */
  tooLarge: { seq: number; text: string }[];
  missing: { seq: number; text: string }[];
  failed: { seq: number; note: FileNote }[];
  /** Blobs the delta test settled, and the bytes it did not have to test (diagnostics: tests and `pnpm bench`). */
  delta: { blobs: number; skipped: number };
}

export function emptyTally(): BlobTally {
  return { scanned: 0, binary: 0, invalidUtf8: 0, ignored: 0, found: [], tooLarge: [], missing: [], failed: [], delta: { blobs: 0, skipped: 0 } };
}

/** Options of a BlobScanner. */
export interface BlobScanOptions {
  maxFileSize: number;
  accountId: boolean;
  /** Bytes of prefilter-negative blobs kept as delta references (a ring: the oldest are overwritten); 0 = no delta test. */
  deltaBytes: number;
}

/** Blobs smaller than this are tested whole and not kept: the test is cheaper than the bookkeeping. */
const DELTA_MIN = 4096;

/** Length of the common prefix of a and b, up to `max` bytes: native compares of growing blocks, then a byte loop. */
export function commonPrefix(a: Buffer, b: Buffer, max: number): number {
  let len = 0;
  let step = 256;
  while (len < max) {
    const s = Math.min(step, max - len);
    if (a.compare(b, len, len + s, len, len + s) === 0) {
      len += s;
      step *= 2;
    } else if (s <= 16) {
      while (len < max && a[len] === b[len]) len++;
      return len;
    } else step = Math.max(16, s >> 2);
  }
  return len;
}

/** Length of the common suffix of a and b, up to `max` bytes. */
export function commonSuffix(a: Buffer, b: Buffer, max: number): number {
  const ae = a.length;
  const be = b.length;
  let len = 0;
  let step = 256;
  while (len < max) {
    const s = Math.min(step, max - len);
    if (a.compare(b, be - len - s, be - len, ae - len - s, ae - len) === 0) {
      len += s;
      step *= 2;
    } else if (s <= 16) {
      while (len < max && a[ae - 1 - len] === b[be - 1 - len]) len++;
      return len;
    } else step = Math.max(16, s >> 2);
  }
  return len;
}

/**
 * The delta test: whether `mayHaveFindings` could say yes for `cur`, given `old`, another blob it
 * said no for. A word's decision reads only the PREFILTER_REACH bytes from its start (core's
 * prefilter.ts), so words whose window lies in the common prefix, or in the common suffix (which
 * ends both texts alike), decide as they did in `old`: only the rest is tested. Most commits change
 * a few lines of a file, so most of a big file's bytes are not tested again.
 */
export function deltaMayHaveFindings(old: Buffer, cur: Buffer, accountId: boolean): { may: boolean; tested: number } {
  const common = Math.min(old.length, cur.length);
  const prefix = commonPrefix(old, cur, common);
  const suffix = commonSuffix(old, cur, common - prefix);
  const from = Math.max(0, prefix - PREFILTER_REACH);
  const to = cur.length - suffix;
  return { may: from < to && mayHaveFindings(cur, { accountId, from, to }), tested: Math.max(0, to - from) };
}

/** An over-limit blob is read only this far (enough to tell binary from text). */
const HEAD_BYTES = 8000;

export class BlobScanner {
  readonly tally = emptyTally();
  /** Bytes of the blobs read so far (whole sizes, over-limit ones too). */
  bytes = 0;
  /** Requested and not yet answered by git. */
  private readonly waiting: BlobRequest[] = [];
  private head = 0;
  private readonly child;
  private stderr = '';
  private partial: Buffer = Buffer.alloc(0);
  private current: { req: BlobRequest; size: number; keep: number; filled: number; left: number } | undefined;
  /** Reused for blobs that span chunks: a blob is scanned before the next one is read. */
  private scratch: Buffer = Buffer.alloc(0);
  private failure: Error | undefined;
  readonly done: Promise<BlobTally>;

  private readonly maxFileSize: number;
  private readonly accountId: boolean;
  /**
   * The delta test's references: prefilter-negative blobs copied into one ring buffer (no allocation
   * or garbage per blob), by id with their place in bytes ever written; an entry the ring has since
   * overwritten is stale. A Map keeps insertion order, so stale entries are the first ones.
   */
  private ring: Buffer | undefined;
  private written = 0;
  private readonly refs = new Map<string, { at: number; length: number }>();
  private readonly deltaBytes: number;

  /** `onScanned` runs after each blob (the worker asks for more when few are left). */
  constructor(
    cwd: string,
    options: BlobScanOptions,
    private readonly onScanned: () => void = () => {},
  ) {
    this.maxFileSize = options.maxFileSize;
    this.accountId = options.accountId;
    this.deltaBytes = options.deltaBytes;
    // A partial clone would otherwise fetch each missing blob from the remote, one round trip each
    // (git >= 2.44 honours this; older gits fetch, and report missing only when that fails).
    // Pack windows bounded (git maps up to 8 GB of packs by default, all of it resident as the history
    // is read): on aws-cli's 475 MB pack, 493 → 183 MB per cat-file at the same CPU.
    this.child = spawn('git', gitArgv(['-c', 'core.packedGitLimit=128m', '-c', 'core.packedGitWindowSize=16m', 'cat-file', '--batch', '--buffer']), {
      cwd,
      env: { ...gitEnv(), GIT_NO_LAZY_FETCH: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
    this.child.stdin.on('error', () => {});
    this.child.stdout.on('data', (chunk: Buffer) => {
      if (this.failure) return;
      try {
        this.read(chunk);
      } catch (e) {
        this.failure = e as Error;
        this.child.kill();
      }
    });
    this.done = new Promise((resolve, reject) => {
      this.child.on('error', (e) => reject(spawnFailure(e, cwd)));
      this.child.on('close', (code) => {
        if (this.failure) reject(this.failure);
        else if (code !== 0) reject(new GitError(`git cat-file failed: ${this.stderr.trim() || `exit ${code}`}`));
        else if (this.head < this.waiting.length || this.current) reject(new GitError('git cat-file ended early'));
        else resolve(this.tally);
      });
    });
  }

  /** Requested blobs git has not answered yet. */
  get outstanding(): number {
    return this.waiting.length - this.head;
  }

  add(reqs: readonly BlobRequest[]): void {
    if (reqs.length === 0) return;
    let lines = '';
    for (const r of reqs) {
      this.waiting.push(r);
      lines += `${r.id}\n`;
    }
    this.child.stdin.write(lines);
  }

  end(): void {
    this.child.stdin.end();
  }

  private next(id: string): BlobRequest {
    const req = this.waiting[this.head];
    if (!req || req.id !== id) throw new GitError(`git cat-file answered ${id.slice(0, 12)} out of order`);
    this.waiting[this.head++] = undefined as unknown as BlobRequest;
    // Drop answered requests now and then: the list stays as long as what is in flight.
    if (this.head > 4096 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    return req;
  }

  /** Parses `<id> blob <size>\n<bytes>\n` (or `<id> missing\n`) records as they stream in. */
  private read(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      let cur = this.current;
      if (!cur) {
        const nl = chunk.indexOf(10, at);
        if (nl < 0) {
          this.partial = Buffer.concat([this.partial, chunk.subarray(at)]);
          return;
        }
        const line = this.partial.length ? Buffer.concat([this.partial, chunk.subarray(at, nl)]) : chunk.subarray(at, nl);
        this.partial = Buffer.alloc(0);
        at = nl + 1;
        const [id = '', type, sizeText] = line.toString('latin1').split(' ');
        const req = this.next(id);
        if (type === 'missing' || sizeText === undefined) {
          this.missing(req);
          continue;
        }
        const size = Number(sizeText);
        const keep = size <= this.maxFileSize ? size : Math.min(size, HEAD_BYTES);
        if (chunk.length - at > size) {
          // The whole blob and its newline are in this chunk: no copy.
          this.blob(req, chunk.subarray(at, at + keep), size);
          at += size + 1;
          continue;
        }
        if (this.scratch.length < keep) this.scratch = Buffer.allocUnsafe(Math.max(keep, Math.min(2 * this.scratch.length, this.maxFileSize)));
        cur = this.current = { req, size, keep, filled: 0, left: size + 1 };
      }
      const take = Math.min(cur.left, chunk.length - at);
      const copy = Math.min(take, cur.keep - cur.filled);
      if (copy > 0) {
        chunk.copy(this.scratch, cur.filled, at, at + copy);
        cur.filled += copy;
      }
      cur.left -= take;
      at += take;
      if (cur.left === 0) {
        this.current = undefined;
        this.blob(cur.req, this.scratch.subarray(0, cur.keep), cur.size);
      }
    }
  }

  private missing(req: BlobRequest): void {
    this.tally.missing.push({ seq: req.seq, text: `${req.id.slice(0, 12)}:${req.file}` });
    this.onScanned();
  }

  private mayHaveFindings(req: BlobRequest, content: Buffer): boolean {
    const old = req.ref === undefined || content.length < DELTA_MIN ? undefined : this.reference(req.ref);
    if (!old) return mayHaveFindings(content, { accountId: this.accountId });
    const { may, tested } = deltaMayHaveFindings(old, content, this.accountId);
    this.tally.delta.blobs++;
    this.tally.delta.skipped += content.length - tested;
    return may;
  }

  /** A kept blob's bytes, if the ring still holds them. */
  private reference(id: string): Buffer | undefined {
    const e = this.refs.get(id);
    const ring = this.ring;
    if (!e || !ring || e.at < this.written - ring.length) return undefined;
    const start = e.at % ring.length;
    return ring.subarray(start, start + e.length);
  }

  /** Keeps a copy of a negative blob as a reference for the versions of its path that follow. */
  private keep(id: string, content: Buffer): void {
    if (content.length < DELTA_MIN || content.length > this.deltaBytes / 4) return;
    const ring = (this.ring ??= Buffer.allocUnsafeSlow(this.deltaBytes));
    // A blob is never split: one that does not fit before the ring's end starts at its beginning.
    const pos = this.written % ring.length;
    if (pos + content.length > ring.length) this.written += ring.length - pos;
    content.copy(ring, this.written % ring.length);
    this.refs.set(id, { at: this.written, length: content.length });
    this.written += content.length;
    // Stale entries first: drop them so the map stays as small as what the ring holds.
    for (const [old, e] of this.refs) {
      if (e.at >= this.written - ring.length) break;
      this.refs.delete(old);
    }
  }

  /** `content` is the whole blob, or its head when `size` is over the limit; only valid during this call. */
  private blob(req: BlobRequest, content: Buffer, size: number): void {
    const t = this.tally;
    this.bytes += size;
    // Most blobs hold no anchor at all: counted as scanned without decoding them (exact, see prefilter.ts).
    if (size <= this.maxFileSize && !utf16Bom(content) && !isBinary(content) && !this.mayHaveFindings(req, content)) {
      t.scanned++;
      if (!isUtf8(content)) t.invalidUtf8++;
      if (req.keep) this.keep(req.id, content);
    } else {
      const { id, file } = req;
      const r = analyzeBuffer(content, { file, git: 'none', content }, { maxFileSize: this.maxFileSize, accountId: this.accountId }, undefined, size);
      if (r.note?.code === 'binary') t.binary++;
      else if (r.note?.code === 'too-large') t.tooLarge.push({ seq: req.seq, text: `${id.slice(0, 12)}:${file} (${size} bytes)` });
      else if (r.note?.code === 'invalid-utf8') t.invalidUtf8++;
      else if (r.note) t.failed.push({ seq: req.seq, note: { ...r.note, file: `${id.slice(0, 12)}:${file}` } });
      if (r.scanned) t.scanned++;
      t.ignored += r.ignored;
      // Only blobs with findings are kept: memory grows with findings, not with the repository.
      if (r.findings.length) t.found.push({ id, findings: r.findings });
    }
    this.onScanned();
  }
}
