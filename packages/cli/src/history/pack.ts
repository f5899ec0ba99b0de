/**
 * The history scan's pack pass: settles blobs straight from the repository's pack files, without
 * `git cat-file` inflating and piping every version of every file (docs/guides/history.md).
 *
 * A pack stores most blobs as deltas: instructions that copy ranges of a base object and insert new
 * bytes. The byte test (core's prefilter) decides each word from the PREFILTER_REACH bytes after its
 * start, so when the base is known clean, only the words starting in inserted bytes or in the last
 * REACH bytes of a copied range need testing: every other word lies inside a copy of the base, with
 * the same bytes after it, and was decided there. A version is rebuilt from its base with one copy
 * per instruction (into a reused ring), so the binary sniff and UTF-8 validity look at all of it.
 * Whole objects are inflated and tested whole.
 *
 * Verdicts only clear blobs (`CLEAN`, `CLEAN_LATIN1`); anything else (a possible finding, binary,
 * UTF-16, over the size limit, a REF_DELTA whose base is in no pack here) is `READ`, and a blob left
 * UNKNOWN (not in a pack) is the same: the caller reads it with `git cat-file` as before.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { inflateSync } from 'node:zlib';
import { isBinary, utf16Bom } from '../scan/analyze.js';
import { mayHaveFindings, PREFILTER_REACH } from './prefilter.js';

export const UNKNOWN = 0;
/** No finding possible, valid UTF-8: counted as scanned. */
export const CLEAN = 1;
/** No finding possible, not valid UTF-8 (scanned as Latin-1): counted as scanned and as invalid UTF-8. */
export const CLEAN_LATIN1 = 2;
/** Must be read and scanned by the regular path. */
export const READ = 3;

const BLOB = 3;
const OFS_DELTA = 6;
const REF_DELTA = 7;

/** UTF-16 or binary, as every other scan path judges it (scan/analyze.ts): never cleared here. */
const notPlainText = (c: Buffer): boolean => utf16Bom(c) !== undefined || isBinary(c);

/** A pack's `.idx` (version 2, SHA-1): names sorted, with each object's offset in the `.pack`. */
export class PackIndex {
  readonly count: number;
  /** Object ids, 20 bytes each, sorted. */
  readonly names: Buffer;
  /** Offsets in the pack, by position in `names`. */
  readonly offsets: Float64Array;
  private readonly fanout: Uint32Array;

  constructor(idx: Buffer) {
    if (idx.length < 8 + 1024 || idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) throw new Error('not a version 2 pack index');
    this.fanout = new Uint32Array(256);
    for (let i = 0; i < 256; i++) this.fanout[i] = idx.readUInt32BE(8 + 4 * i);
    const n = (this.count = this.fanout[255] as number);
    const namesAt = 8 + 1024;
    const offsetsAt = namesAt + 24 * n;
    const largeAt = offsetsAt + 4 * n;
    if (idx.length < largeAt + 40) throw new Error('truncated pack index');
    this.names = idx.subarray(namesAt, namesAt + 20 * n);
    this.offsets = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const o = idx.readUInt32BE(offsetsAt + 4 * i);
      if (o & 0x80000000) {
        const at = largeAt + 8 * (o & 0x7fffffff);
        if (at + 8 > idx.length - 40) throw new Error('pack index: bad large offset');
        this.offsets[i] = idx.readUInt32BE(at) * 2 ** 32 + idx.readUInt32BE(at + 4);
      } else this.offsets[i] = o;
    }
  }

  /** Position of the 20-byte id at `id[at..]`, or -1. */
  find(id: Uint8Array, at = 0): number {
    const first = id[at] as number;
    let lo = first === 0 ? 0 : (this.fanout[first - 1] as number);
    let hi = (this.fanout[first] as number) - 1;
    const names = this.names;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      let c = 0;
      for (let i = 0; i < 20 && c === 0; i++) c = (names[20 * mid + i] as number) - (id[at + i] as number);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Position of a hex id, or -1. */
  findHex(hex: string): number {
    return hex.length === 40 ? this.find(Buffer.from(hex, 'hex')) : -1;
  }
}

/** A parsed delta: its base and, per instruction, where its output starts and what it takes. */
interface Delta {
  base: number;
  /** The base's size, as the delta states it (checked against the base before use). */
  baseSize: number;
  size: number;
  /** Output start of each instruction (ascending), and the output's length as a last entry. */
  starts: Float64Array;
  /** Per instruction: the base offset it copies from, or -1 - (its offset in `data`) for an insert. */
  src: Float64Array;
  data: Buffer;
}

interface Header {
  type: number;
  /** Object size (for a delta: the size of the delta data). */
  size: number;
  /** Where the zlib stream starts, and where the next object starts. */
  dataAt: number;
  end: number;
  /** Position of the base (deltas), else -1; -2 when a REF_DELTA's base is not in this pack. */
  base: number;
}

export interface PackPassOptions {
  maxFileSize: number;
  accountId: boolean;
  /** Bytes of inflated objects and parsed deltas kept for reuse. */
  cacheBytes?: number;
}

/** Tallies of a pass (diagnostics: tests and benchmarks). */
export interface PackPassStats {
  blobs: number;
  /** Blobs decided from their delta's instructions, and the output bytes that were not tested. */
  byDelta: number;
  spared: number;
  /** Bytes inflated. */
  inflated: number;
  /** Pack bytes read. */
  read: number;
  /** Bytes of deltas rebuilt whole to be tested whole (small ones, and those on a base that was not clean). */
  rebuilt: number;
}

export function emptyPackStats(): PackPassStats {
  return { blobs: 0, byDelta: 0, spared: 0, inflated: 0, read: 0, rebuilt: 0 };
}

/** Adds `from`'s counters to `into`. */
export function addPackStats(into: PackPassStats, from: PackPassStats): void {
  for (const k of Object.keys(into) as (keyof PackPassStats)[]) into[k] += from[k];
}

const WINDOW = 2 << 20;
const CACHE_BYTES = 32 << 20;
/** Deltas smaller than this are rebuilt and tested whole: cheaper than the bookkeeping. */
const DELTA_MIN = 2048;

/** src[from, to) into out at `at`: short runs (most delta instructions) by hand, as Buffer#copy's call costs more than they do. */
function copyBytes(src: Buffer, from: number, to: number, out: Buffer, at: number): void {
  if (to - from < 64) for (let i = from; i < to; i++) out[at++] = src[i] as number;
  else src.copy(out, at, from, to);
}

/** A byte-bounded cache of two generations: the current one becomes the old one when it holds half the budget, and a hit in the old one moves back. Every step is O(1). */
class Generations<T> {
  private young = new Map<number, T>();
  private old = new Map<number, T>();
  private youngBytes = 0;
  constructor(
    private readonly budget: number,
    private readonly sizeOf: (v: T) => number,
  ) {}

  get(key: number): T | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) {
      this.old.delete(key);
      this.set(key, o);
    }
    return o;
  }

  set(key: number, v: T): void {
    const bytes = this.sizeOf(v);
    if (bytes > this.budget / 4) return;
    this.young.set(key, v);
    this.youngBytes += bytes;
    if (this.youngBytes > this.budget / 2) {
      this.old = this.young;
      this.young = new Map();
      this.youngBytes = 0;
    }
  }
}

export class PackReader {
  readonly index: PackIndex;
  /** Positions in pack order. */
  readonly order: Uint32Array;
  /** Verdicts by position (UNKNOWN until decided; non-blobs stay UNKNOWN). */
  readonly verdicts: Uint8Array;
  readonly stats: PackPassStats = emptyPackStats();
  private readonly fd: number;
  private readonly packSize: number;
  /** End of each object (the next one's offset), by position. */
  private readonly ends: Float64Array;
  /** Resolved type by position (0 = not yet). */
  private readonly types: Uint8Array;
  private readonly hType: Uint8Array;
  private readonly hSize: Float64Array;
  private readonly hData: Float64Array;
  private readonly hBase: Int32Array;
  private window = Buffer.allocUnsafe(0);
  private windowAt = 0;
  private windowLen = 0;
  private scratch = Buffer.allocUnsafe(0);
  private opStarts = new Float64Array(4096);
  private opSrc = new Float64Array(4096);
  /**
   * Objects' contents (inflated, or rebuilt from their delta) and parsed deltas, by position. A
   * rebuilt content lives in `ring` (its place in bytes ever written is `at`, -1 when it does not):
   * rebuilding every version of every file would otherwise allocate as many bytes as the history
   * holds, and RSS would follow the garbage, not what is in use.
   */
  private readonly contents: Generations<{ buf: Buffer; at: number }>;
  private readonly ring: Buffer;
  private written = 0;
  private readonly deltas: Generations<Delta>;

  constructor(
    packPath: string,
    index: PackIndex,
    private readonly options: PackPassOptions,
  ) {
    this.index = index;
    const cacheBytes = options.cacheBytes ?? CACHE_BYTES;
    this.contents = new Generations<{ buf: Buffer; at: number }>(cacheBytes / 2, (c) => c.buf.length);
    this.ring = Buffer.allocUnsafeSlow(cacheBytes);
    this.deltas = new Generations<Delta>(cacheBytes / 4, (d) => d.data.length + 16 * d.src.length);
    const n = index.count;
    this.fd = openSync(packPath, 'r');
    this.packSize = fstatSync(this.fd).size;
    const head = Buffer.alloc(12);
    readSync(this.fd, head, 0, 12, 0);
    if (head.toString('latin1', 0, 4) !== 'PACK' || head.readUInt32BE(8) !== n) {
      closeSync(this.fd);
      throw new Error('pack does not match its index');
    }
    this.order = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.order[i] = i;
    const offsets = index.offsets;
    this.order.sort((a, b) => (offsets[a] as number) - (offsets[b] as number));
    this.ends = new Float64Array(n);
    for (let k = 0; k < n; k++) this.ends[this.order[k] as number] = k + 1 < n ? (offsets[this.order[k + 1] as number] as number) : this.packSize - 20;
    this.types = new Uint8Array(n);
    this.hType = new Uint8Array(n);
    this.hSize = new Float64Array(n);
    this.hData = new Float64Array(n);
    this.hBase = new Int32Array(n);
    this.verdicts = new Uint8Array(n);
  }

  close(): void {
    closeSync(this.fd);
  }

  /**
   * Splits the pack's blobs into `parts` shares of whole delta families (a stored blob and every
   * delta built on it, directly or not), balanced by packed bytes, the same way every time: each
   * worker builds the same plan and runs its own share, with no blob decided twice.
   */
  plan(parts: number): Uint32Array[] {
    const n = this.index.count;
    // Headers in pack order: one forward read of the whole pack through the window.
    for (let k = 0; k < n; k++) this.header(this.order[k] as number);
    const root = new Int32Array(n).fill(-1);
    const weight = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const pos = this.order[k] as number;
      if (this.type(pos) !== BLOB) continue;
      let r = pos;
      const chain: number[] = [];
      while ((this.hBase[r] as number) >= 0 && (root[r] as number) < 0) {
        chain.push(r);
        r = this.hBase[r] as number;
      }
      const top = (root[r] as number) >= 0 ? (root[r] as number) : r;
      root[r] = top;
      for (const q of chain) root[q] = top;
      weight[top] = (weight[top] as number) + ((this.ends[pos] as number) - (this.index.offsets[pos] as number));
    }
    const tops: number[] = [];
    for (let k = 0; k < n; k++) {
      const pos = this.order[k] as number;
      if (root[pos] === pos) tops.push(pos);
    }
    // Heaviest first, each to the lightest share (ties by pack order: deterministic).
    tops.sort((x, y) => (weight[y] as number) - (weight[x] as number) || (this.index.offsets[x] as number) - (this.index.offsets[y] as number));
    const load = new Float64Array(parts);
    const share: number[][] = Array.from({ length: parts }, () => []);
    for (const t of tops) {
      let best = 0;
      for (let i = 1; i < parts; i++) if ((load[i] as number) < (load[best] as number)) best = i;
      (share[best] as number[]).push(t);
      load[best] = (load[best] as number) + (weight[t] as number);
    }
    // Within a share, families in pack order; then each family's members in pack order.
    const offsets = this.index.offsets;
    const byOffset = (x: number, y: number) => (offsets[x] as number) - (offsets[y] as number);
    const members = new Map<number, number[]>();
    for (let k = 0; k < n; k++) {
      const pos = this.order[k] as number;
      const top = root[pos] as number;
      if (top < 0) continue;
      let m = members.get(top);
      if (!m) members.set(top, (m = []));
      m.push(pos);
    }
    return share.map((roots) => {
      roots.sort(byOffset);
      const out: number[] = [];
      for (const r of roots) out.push(...(members.get(r) as number[]));
      return Uint32Array.from(out);
    });
  }

  /**
   * Decides the blobs listed (a share from `plan`). A family's members come in pack order; a
   * member's base is decided first (`verdict`), and the chain it reads through is then still cached.
   */
  runShare(share: Uint32Array): void {
    for (const pos of share) this.verdict(pos);
  }

  /**
   * The pack's bytes [start, end): a view valid until the next call. Reads go forward in pack order
   * through a 2 MB window (WINDOW); a base behind it is read on its own, leaving the window in place.
   */
  private bytes(start: number, end: number): Buffer {
    if (start >= this.windowAt && end <= this.windowAt + this.windowLen) return this.window.subarray(start - this.windowAt, end - this.windowAt);
    const forward = start >= this.windowAt && end - start <= WINDOW;
    const len = forward ? Math.max(end - start, Math.min(WINDOW, this.packSize - start)) : end - start;
    let buf: Buffer;
    if (forward) {
      if (this.window.length < len) this.window = Buffer.allocUnsafe(Math.max(len, WINDOW));
      buf = this.window;
    } else {
      if (this.scratch.length < len) this.scratch = Buffer.allocUnsafe(Math.max(len, 1 << 16));
      buf = this.scratch;
    }
    let got = 0;
    this.stats.read += len;
    while (got < len) {
      const r = readSync(this.fd, buf, got, len - got, start + got);
      if (r === 0) throw new Error('pack truncated');
      got += r;
    }
    if (forward) {
      this.windowAt = start;
      this.windowLen = len;
    }
    return buf.subarray(0, end - start);
  }

  /** The object's header, parsed once (typed arrays: every header is asked for again by chains). */
  private header(pos: number): Header {
    if (this.hType[pos] === 0) this.parseHeader(pos);
    return {
      type: this.hType[pos] as number,
      size: this.hSize[pos] as number,
      dataAt: this.hData[pos] as number,
      end: this.ends[pos] as number,
      base: this.hBase[pos] as number,
    };
  }

  private parseHeader(pos: number): void {
    const at = this.index.offsets[pos] as number;
    const end = this.ends[pos] as number;
    const b = this.bytes(at, Math.min(end, at + 32));
    let i = 0;
    let c = b[i++] as number;
    const type = (c >> 4) & 7;
    let size = c & 15;
    let shift = 4;
    while (c & 0x80) {
      c = b[i++] as number;
      size += (c & 0x7f) * 2 ** shift;
      shift += 7;
    }
    let base = -1;
    if (type === OFS_DELTA) {
      c = b[i++] as number;
      let back = c & 0x7f;
      while (c & 0x80) {
        c = b[i++] as number;
        back = (back + 1) * 128 + (c & 0x7f);
      }
      base = this.positionAt(at - back);
    } else if (type === REF_DELTA) {
      base = this.index.find(b, i);
      if (base < 0) base = -2;
      i += 20;
    } else if (type === 0 || type === 5) throw new Error('pack: bad object type');
    this.hType[pos] = type;
    this.hSize[pos] = size;
    this.hData[pos] = at + i;
    this.hBase[pos] = base;
  }

  /** Position of the object at a pack offset (binary search in pack order). */
  private positionAt(offset: number): number {
    const offsets = this.index.offsets;
    let lo = 0;
    let hi = this.order.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const o = offsets[this.order[mid] as number] as number;
      if (o === offset) return this.order[mid] as number;
      if (o < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    throw new Error('pack: delta base offset is not an object');
  }

  /** The object's resolved type (a delta has its base's). */
  private type(pos: number): number {
    const known = this.types[pos] as number;
    if (known) return known;
    const chain: number[] = [];
    let p = pos;
    let t: number;
    for (;;) {
      const k = this.types[p] as number;
      if (k) {
        t = k;
        break;
      }
      const h = this.header(p);
      chain.push(p);
      if (h.base === -1) {
        t = h.type;
        break;
      }
      if (h.base === -2) {
        t = 255;
        break;
      }
      p = h.base;
      if (chain.length > 100000) throw new Error('pack: delta chain too long');
    }
    for (const q of chain) this.types[q] = t;
    return t;
  }

  private inflate(h: Header, size: number): Buffer {
    const input = this.bytes(h.dataAt, h.end);
    const out = inflateSync(input, { chunkSize: Math.max(64, Math.min(size + 1, 64 << 20)), maxOutputLength: Math.max(1, size) });
    if (out.length !== size) throw new Error('pack: object size does not match');
    this.stats.inflated += size;
    return out;
  }

  /**
   * An object's content: inflated, or rebuilt from its delta and its base's content (one memcpy per
   * instruction). Kept for the deltas built on it, which pack order brings soon after.
   */
  content(pos: number): Buffer {
    return this.built(pos).buf;
  }

  private built(pos: number): { buf: Buffer; at: number } {
    const ring = this.ring;
    const v = this.contents.get(pos);
    // A ring entry is intact until the ring comes round to its first byte.
    if (v && (v.at < 0 || v.at + ring.length >= this.written)) return v;
    const h = this.header(pos);
    let c: { buf: Buffer; at: number };
    if (h.base === -1) c = { buf: this.inflate(h, h.size), at: -1 };
    else if (h.base === -2) throw new Error('pack: delta base not in this pack');
    else {
      const d = this.delta(pos, h);
      const base = this.built(d.base);
      if (base.buf.length !== d.baseSize) throw new Error('pack: delta base size does not match');
      const n = d.size;
      // In the ring unless it is big, or would land on the base it is built from.
      let at = this.written;
      if ((at % ring.length) + n > ring.length) at += ring.length - (at % ring.length);
      const inRing = n <= ring.length / 4 && !(base.at >= 0 && base.at + ring.length < at + n);
      let out: Buffer;
      if (inRing) {
        out = ring.subarray(at % ring.length, (at % ring.length) + n);
        this.written = at + n;
      } else {
        out = Buffer.allocUnsafe(n);
        at = -1;
      }
      const { starts, src, data } = d;
      for (let k = 0; k < src.length; k++) {
        const s = starts[k] as number;
        const e = starts[k + 1] as number;
        const x = src[k] as number;
        if (x < 0) copyBytes(data, -1 - x, -1 - x + (e - s), out, s);
        else copyBytes(base.buf, x, x + (e - s), out, s);
      }
      c = { buf: out, at };
    }
    this.contents.set(pos, c);
    return c;
  }

  private delta(pos: number, h: Header): Delta {
    const v = this.deltas.get(pos);
    if (v) return v;
    const data = this.inflate(h, h.size);
    let i = 0;
    const varint = () => {
      let n = 0;
      let shift = 0;
      let c: number;
      do {
        if (i >= data.length) throw new Error('pack: truncated delta');
        c = data[i++] as number;
        n += (c & 0x7f) * 2 ** shift;
        shift += 7;
      } while (c & 0x80);
      return n;
    };
    const baseSize = varint();
    const size = varint();
    // Instructions go into scratch arrays (grown by doubling), then are copied out at their count.
    let starts = this.opStarts;
    let src = this.opSrc;
    let ops = 0;
    let out = 0;
    while (i < data.length) {
      if (ops + 1 >= starts.length) {
        const grown = new Float64Array(2 * starts.length);
        grown.set(starts);
        starts = this.opStarts = grown;
        const g2 = new Float64Array(2 * src.length);
        g2.set(src);
        src = this.opSrc = g2;
      }
      const op = data[i++] as number;
      if (op & 0x80) {
        let off = 0;
        let len = 0;
        if (op & 1) off = data[i++] as number;
        if (op & 2) off += (data[i++] as number) << 8;
        if (op & 4) off += (data[i++] as number) << 16;
        if (op & 8) off += (data[i++] as number) * 0x1000000;
        if (op & 0x10) len = data[i++] as number;
        if (op & 0x20) len += (data[i++] as number) << 8;
        if (op & 0x40) len += (data[i++] as number) << 16;
        if (len === 0) len = 0x10000;
        if (off + len > baseSize) throw new Error('pack: delta copies past its base');
        // A copy that goes on where the previous one stopped (git splits copies at 64 KB) is the
        // same run of the base: one instruction, so no seam is tested between them.
        if (ops > 0 && (src[ops - 1] as number) >= 0 && (src[ops - 1] as number) + (out - (starts[ops - 1] as number)) === off) out += len;
        else {
          starts[ops] = out;
          src[ops++] = off;
          out += len;
        }
      } else if (op !== 0) {
        if (i + op > data.length) throw new Error('pack: truncated delta');
        starts[ops] = out;
        src[ops++] = -1 - i;
        i += op;
        out += op;
      } else throw new Error('pack: bad delta instruction');
    }
    if (out !== size || i > data.length) throw new Error('pack: delta size does not match');
    starts[ops] = out;
    const d: Delta = { base: h.base, baseSize, size, starts: starts.slice(0, ops + 1), src: src.slice(0, ops), data };
    this.deltas.set(pos, d);
    return d;
  }

  /** An object's size (its content's length). */
  private sizeOf(pos: number): number {
    const h = this.header(pos);
    if (h.base === -1) return h.size;
    if (h.base === -2) throw new Error('pack: delta base not in this pack');
    return this.delta(pos, h).size;
  }

  /** Verdict for a whole text: what BlobScanner decides without a reference. */
  private classify(content: Buffer): number {
    if (notPlainText(content)) return READ;
    if (mayHaveFindings(content, { accountId: this.options.accountId })) return READ;
    return isUtf8(content) ? CLEAN : CLEAN_LATIN1;
  }

  /** Decides a blob (memoised). */
  verdict(pos: number): number {
    const known = this.verdicts[pos] as number;
    if (known) return known;
    // A base is decided before what is built on it; chains are walked without recursion.
    const chain: number[] = [];
    for (let p = pos; !this.verdicts[p];) {
      chain.push(p);
      const h = this.header(p);
      if (h.base < 0) break;
      p = h.base;
    }
    for (let k = chain.length - 1; k >= 0; k--) this.decide(chain[k] as number);
    return this.verdicts[pos] as number;
  }

  private decide(pos: number): void {
    const h = this.header(pos);
    const max = this.options.maxFileSize;
    this.stats.blobs++;
    let v: number;
    if (h.base === -2) v = READ;
    else if (h.base === -1) v = h.size > max ? READ : this.classify(this.content(pos));
    else {
      const d = this.delta(pos, h);
      // Copies were checked against baseSize: with the base's real size, no copy reads past it.
      if (d.baseSize !== this.sizeOf(h.base)) throw new Error('pack: delta base size does not match');
      const size = d.size;
      if (size > max) v = READ;
      else if (this.verdicts[h.base] !== CLEAN || size < DELTA_MIN) {
        this.stats.rebuilt += size;
        v = this.classify(this.content(pos));
      } else v = this.byDelta(pos, h, size);
    }
    this.verdicts[pos] = v;
  }

  /**
   * A delta on a CLEAN base: tests the words that start in an inserted range or in the last REACH
   * bytes of a copied one (the others read only copied bytes, and were decided in the base). The
   * content is rebuilt anyway (its own deltas need it), so the binary sniff and UTF-8 validity,
   * both cheap and native, look at all of it.
   */
  private byDelta(pos: number, h: Header, size: number): number {
    const d = this.delta(pos, h);
    const c = this.content(pos);
    if (notPlainText(c)) return READ;
    const { starts, src } = d;
    const R = PREFILTER_REACH;
    const accountId = this.options.accountId;
    let tested = 0;
    // Ranges of word starts to test, merged as they come (instructions are in output order).
    let f = 0;
    let t = 0;
    const positive = (): boolean => {
      if (f >= t) return false;
      tested += t - f;
      return mayHaveFindings(c.subarray(f, Math.min(size, t + R)), { accountId, to: t - f });
    };
    for (let k = 0; k + 1 < starts.length; k++) {
      const a = starts[k] as number;
      const b = starts[k + 1] as number;
      const lo = (src[k] as number) < 0 ? a : Math.max(a, b - R);
      if (lo <= t) t = Math.max(t, b);
      else {
        if (positive()) return READ;
        f = lo;
        t = b;
      }
    }
    if (positive()) return READ;
    this.stats.byDelta++;
    this.stats.spared += size - tested;
    return isUtf8(c) ? CLEAN : CLEAN_LATIN1;
  }
}

/** The repository's own packs (`objects/pack/*.idx` with their `.pack`); alternates' objects are left to `git cat-file`. */
export function listPacks(objectsDir: string): { idx: string; pack: string }[] {
  const dir = path.join(objectsDir, 'pack');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: { idx: string; pack: string }[] = [];
  for (const name of names.sort()) {
    if (!name.startsWith('pack-') || !name.endsWith('.idx')) continue;
    const pack = path.join(dir, `${name.slice(0, -4)}.pack`);
    if (existsSync(pack)) out.push({ idx: path.join(dir, name), pack });
  }
  return out;
}

/** Verdicts of a pack pass, by blob id: UNKNOWN for ids in no pack (or not decided). */
export class PackVerdicts {
  constructor(private readonly parts: { index: PackIndex; verdicts: Uint8Array }[]) {}

  get(id: string): number {
    if (id.length !== 40) return UNKNOWN;
    const raw = Buffer.from(id, 'hex');
    for (const { index, verdicts } of this.parts) {
      const pos = index.find(raw);
      if (pos >= 0 && verdicts[pos]) return verdicts[pos];
    }
    return UNKNOWN;
  }
}
