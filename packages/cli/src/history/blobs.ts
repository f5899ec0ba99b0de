/**
 * One `git cat-file --batch` process and the scan of what it streams back, blob by blob. Each
 * history worker owns one (so git's inflating runs in as many processes as there are workers, and
 * blob bytes never cross threads); small histories use one on the main thread.
 */
import { spawn } from 'node:child_process';
import { isUtf8 } from 'node:buffer';
import { GitError, gitArgv, gitEnv, spawnFailure } from '../git.js';
import { analyzeBuffer, isBinary, utf16Bom } from '../scan/analyze.js';
import { mayHaveFindings } from './prefilter.js';
import type { FileNote, ReportFinding } from '../types.js';

/** A blob to scan: its id, the path it is scanned as (file-name rules), its place in the queue. */
export interface BlobRequest {
  id: string;
  file: string;
  seq: number;
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
}

export function emptyTally(): BlobTally {
  return { scanned: 0, binary: 0, invalidUtf8: 0, ignored: 0, found: [], tooLarge: [], missing: [], failed: [] };
}

/** An over-limit blob is read only this far (enough to tell binary from text). */
const HEAD_BYTES = 8000;

export class BlobScanner {
  readonly tally = emptyTally();
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

  /** `onScanned` runs after each blob (the worker asks for more when few are left). */
  constructor(
    cwd: string,
    options: { maxFileSize: number; accountId: boolean },
    private readonly onScanned: () => void = () => {},
  ) {
    this.maxFileSize = options.maxFileSize;
    this.accountId = options.accountId;
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

  /** `content` is the whole blob, or its head when `size` is over the limit; only valid during this call. */
  private blob(req: BlobRequest, content: Buffer, size: number): void {
    const t = this.tally;
    // Most blobs hold no anchor at all: counted as scanned without decoding them (exact, see prefilter.ts).
    if (size <= this.maxFileSize && !utf16Bom(content) && !isBinary(content) && !mayHaveFindings(content, { accountId: this.accountId })) {
      t.scanned++;
      if (!isUtf8(content)) t.invalidUtf8++;
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
