/**
 * `credlint scan --history`: every credential ever committed, reported once, attributed to the
 * commit that introduced it (docs/guides/history.md).
 *
 * Built like Nosey Parker, not like `git log -p | grep`: ONE `git log --raw` process lists, per
 * commit, the (path, blob) pairs it introduces; each new blob id is piped at once into ONE
 * `git cat-file --batch` process and scanned exactly once as it streams back (git decompresses on
 * one core while credlint scans on the other). Findings are kept only for the few blobs that have
 * any, then mapped back to the earliest introducing commit.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GitError, git, gitArgv, gitEnv, spawnFailure } from '../git.js';
import { isUtf8 } from 'node:buffer';
import { analyzeBuffer, isBinary, utf16Bom } from '../scan/analyze.js';
import { mayHaveFindings } from './prefilter.js';
import { credlintIgnores, ignoredBy, type Scoped } from '../scan/walk.js';
import type { FileNote, ReportFinding } from '../types.js';

export interface HistoryOptions {
  cwd: string;
  /** A revision range (`origin/main..HEAD`); undefined = every commit reachable from any ref. */
  range?: string;
  /** Passed to `git log --since`. */
  since?: string;
  maxFileSize: number;
  /** The configuration's `ignore` globs, applied like `.credlintignore`. */
  ignores?: Scoped[];
  /** Analysis threads besides the main one (which parses git's output): default 1 on 2+ cores, 0 = inline. */
  jobs?: number;
}

/** A blob handed to a worker (its own copy of the bytes, transferred). */
export interface BlobJob {
  id: string;
  file: string;
  size: number;
  bytes: Uint8Array;
  maxFileSize: number;
}

export interface BlobDone {
  id: string;
  file: string;
  size: number;
  findings: ReportFinding[];
  ignored: number;
  scanned: boolean;
  note?: FileNote;
}

// Bytes handed to workers and not yet analysed: above the high mark git's output is paused.
const HIGH_WATER = 64 * 1024 * 1024;
const LOW_WATER = 16 * 1024 * 1024;
/** Blobs analysed on the main thread before a worker is started. */
const INLINE_BLOBS = 256;

export interface HistoryFinding extends ReportFinding {
  /** Full sha of the commit that introduced the credential at `file`. */
  commit: string;
  /** That commit's author date, ISO 8601. */
  date: string;
  /** Whether HEAD's tree still holds this credential (at any path). */
  inHead: boolean;
}

export interface HistoryResult {
  findings: HistoryFinding[];
  notes: FileNote[];
  commits: number;
  /** Unique blobs read and scanned. */
  blobs: number;
  /** Findings silenced by inline `credlint-ignore`, counted once per unique blob that holds them. */
  ignored: number;
  head?: string;
  /** Repository top (work tree) or git dir (bare): where .credlintignore and the baseline root are. */
  root: string;
}

const ZERO = /^0+$/;
/** Regular files only: symbolic links hold a path, gitlinks (160000) a commit. */
const isFileMode = (mode: string) => mode.startsWith('100');

interface Intro {
  commit: number;
  path: string;
  blob: string;
  /** The blobs at this path in the parents (modifications): what was there before. */
  src: string[];
}

const keyOf = (f: Pick<ReportFinding, 'ruleId' | 'fingerprint'>) => `${f.ruleId}\0${f.fingerprint}`;

function gitText(args: string[], cwd: string): string | undefined {
  const r = git(args, cwd);
  return r.status === 0 ? r.stdout.toString('utf8').trim() : undefined;
}

/** A streaming NUL-separated reader: calls `onToken` for each complete token. */
function nulSplitter(onToken: (t: string) => void): { push(b: Buffer): void; end(): void } {
  let rest: Buffer = Buffer.alloc(0);
  return {
    push(chunk) {
      let buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      let at = buf.indexOf(0);
      while (at !== -1) {
        onToken(buf.subarray(0, at).toString('utf8'));
        buf = buf.subarray(at + 1);
        at = buf.indexOf(0);
      }
      rest = Buffer.from(buf);
    },
    end() {
      if (rest.length) onToken(rest.toString('utf8'));
    },
  };
}

/**
 * Streams blobs out of one `git cat-file --batch --buffer`: ids are added as they are discovered,
 * and each object is handed over (content, or size + head when over the limit, or missing) as
 * soon as it arrives. Memory holds one object at a time.
 */
class BlobStream {
  private readonly child;
  private pending: Buffer = Buffer.alloc(0);
  private current: { id: string; size: number; parts: Buffer[]; kept: number; limit: number } | undefined;
  private want = 0;
  private stderr = '';
  readonly done: Promise<void>;

  constructor(cwd: string, maxSize: number, onBlob: (id: string, content: Buffer | undefined, size: number) => void) {
    // A partial clone would otherwise fetch each missing blob from the remote, one round trip each
    // (git >= 2.44 honours this; older gits fetch, and report missing only when that fails).
    this.child = spawn('git', gitArgv(['cat-file', '--batch', '--buffer']), {
      cwd,
      env: { ...gitEnv(), GIT_NO_LAZY_FETCH: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
    this.child.stdin.on('error', () => {});
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
      for (;;) {
        if (!this.current) {
          const nl = this.pending.indexOf(10);
          if (nl < 0) return;
          const header = this.pending.subarray(0, nl).toString('utf8');
          this.pending = this.pending.subarray(nl + 1);
          const [id = '', type, sizeText] = header.split(' ');
          if (type === 'missing' || sizeText === undefined) {
            onBlob(id, undefined, -1);
            continue;
          }
          const size = Number(sizeText);
          this.current = { id, size, parts: [], kept: 0, limit: size <= maxSize ? size : Math.min(size, 8000) };
          this.want = size + 1;
        }
        if (this.pending.length === 0) return;
        const take = Math.min(this.want, this.pending.length);
        const keep = Math.min(take, this.current.limit - this.current.kept);
        if (keep > 0) {
          this.current.parts.push(this.pending.subarray(0, keep));
          this.current.kept += keep;
        }
        this.pending = this.pending.subarray(take);
        this.want -= take;
        if (this.want > 0) return;
        const cur = this.current;
        this.current = undefined;
        onBlob(cur.id, cur.parts.length === 1 ? cur.parts[0] : Buffer.concat(cur.parts), cur.size);
      }
    });
    this.done = new Promise((resolve, reject) => {
      this.child.on('error', (e) => reject(spawnFailure(e, cwd)));
      this.child.on('close', (code) => {
        if (code !== 0) reject(new GitError(`git cat-file failed: ${this.stderr.trim() || `exit ${code}`}`));
        else resolve();
      });
    });
  }

  pause(): void {
    this.child.stdout.pause();
  }

  resume(): void {
    this.child.stdout.resume();
  }

  add(id: string): void {
    this.child.stdin.write(`${id}\n`);
  }

  end(): void {
    this.child.stdin.end();
  }
}

export async function scanHistory(opts: HistoryOptions): Promise<HistoryResult> {
  const { cwd } = opts;
  const gitDir = gitText(['rev-parse', '--absolute-git-dir'], cwd);
  if (gitDir === undefined) {
    const r = git(['rev-parse', '--absolute-git-dir'], cwd);
    throw new GitError(`--history needs a git repository: ${r.stderr.trim() || `exit ${r.status}`}`);
  }
  const bare = gitText(['rev-parse', '--is-bare-repository'], cwd) === 'true';
  const top = bare ? undefined : gitText(['rev-parse', '--show-toplevel'], cwd);
  const root = top ?? gitDir;
  const scopes = [...(top ? credlintIgnores(cwd, top) : []), ...(opts.ignores ?? [])];
  // Paths recur in commit after commit: decide each once.
  const ignoreCache = new Map<string, boolean>();
  const ignoredPath = (p: string) => {
    if (scopes.length === 0) return false;
    let v = ignoreCache.get(p);
    if (v === undefined) ignoreCache.set(p, (v = ignoredBy(scopes, path.join(root, p), false)));
    return v;
  };

  const notes: FileNote[] = [];
  const shallow = gitText(['rev-parse', '--is-shallow-repository'], cwd) === 'true';
  if (shallow) {
    let boundary: string[] = [];
    try {
      const file = gitText(['rev-parse', '--git-path', 'shallow'], cwd) ?? 'shallow';
      boundary = readFileSync(path.resolve(cwd, file), 'utf8').split('\n').filter(Boolean);
    } catch {
      // The note still says the history is cut; only the list of boundary commits is missing.
    }
    notes.push({
      file: '(history)',
      code: 'shallow',
      message:
        `shallow clone: scanned only down to ${boundary.length} boundary commit${boundary.length === 1 ? '' : 's'}` +
        `${
          boundary.length
            ? ` (${boundary
                .slice(0, 3)
                .map((s) => s.slice(0, 12))
                .join(', ')}${boundary.length > 3 ? ', …' : ''})`
            : ''
        }; ` +
        'older history was not scanned and everything in a boundary commit is attributed to it (fetch more with `git fetch --unshallow`)',
      fatal: false,
    });
  }

  const blobInfo = new Map<string, { findings: ReportFinding[] }>();
  let ignored = 0;
  const pathOf = new Map<string, string>(); // blob -> the path it is scanned as (file-name rules)
  const seen = new Set<string>(); // blobs queued for scanning
  const tooLarge: string[] = [];
  const missing: string[] = [];
  const failed: FileNote[] = [];
  let binary = 0;
  let invalidUtf8 = 0;
  let scannedBlobs = 0;

  const take = (r: BlobDone) => {
    const { id, file, size } = r;
    if (r.note?.code === 'binary') binary++;
    else if (r.note?.code === 'too-large') tooLarge.push(`${id.slice(0, 12)}:${file} (${size} bytes)`);
    else if (r.note?.code === 'invalid-utf8') invalidUtf8++;
    else if (r.note) failed.push({ ...r.note, file: `${id.slice(0, 12)}:${file}` });
    if (r.scanned) scannedBlobs++;
    ignored += r.ignored;
    // Only blobs with findings are kept: memory grows with findings, not with the repository.
    if (r.findings.length) blobInfo.set(id, { findings: r.findings });
  };

  // git decompresses on one core; a worker analyses on another while the main thread parses
  // git's output and skips the blobs the prefilter rules out.
  const jobs = opts.jobs ?? (availableParallelism() >= 2 ? 1 : 0);
  let pool: Worker[] | undefined;
  let inflight = 0;
  let pending = 0;
  let paused = false;
  let next = 0;
  let drained: (() => void) | undefined;
  let workerError: Error | undefined;
  // Started once there is real work: a small history is faster inline than a worker's start-up.
  let inlineLeft = jobs > 0 ? INLINE_BLOBS : Infinity;
  const startPool = () => {
    pool = [];
    for (let i = 0; i < Math.min(jobs, 8); i++) {
      const w = new Worker(new URL('./worker.js', import.meta.url));
      w.on('message', (r: BlobDone) => {
        take(r);
        inflight -= r.size <= opts.maxFileSize ? r.size : Math.min(r.size, 8000);
        pending--;
        if (paused && inflight < LOW_WATER) {
          paused = false;
          blobs.resume();
        }
        if (pending === 0) drained?.();
      });
      w.on('error', (e) => {
        workerError = e;
        // Let git's output drain so the scan ends (and fails) instead of waiting forever.
        blobs.resume();
        drained?.();
      });
      pool.push(w);
    }
  };

  const blobs = new BlobStream(cwd, opts.maxFileSize, (id, content, size) => {
    const file = pathOf.get(id) ?? id;
    pathOf.delete(id);
    if (content === undefined) {
      missing.push(`${id.slice(0, 12)}:${file}`);
      return;
    }
    // Most blobs hold no anchor at all: counted as scanned without decoding them (exact, see prefilter.ts).
    if (size <= opts.maxFileSize && !utf16Bom(content) && !isBinary(content) && !mayHaveFindings(content)) {
      scannedBlobs++;
      if (!isUtf8(content)) invalidUtf8++;
      return;
    }
    if (!pool && --inlineLeft < 0) startPool();
    if (pool) {
      // A private copy (the chunk git's output arrived in is shared), moved to the worker, not cloned.
      const bytes = new Uint8Array(content);
      inflight += bytes.byteLength;
      pending++;
      const job: BlobJob = { id, file, size, bytes, maxFileSize: opts.maxFileSize };
      const w = pool[next++ % pool.length] as Worker;
      w.postMessage(job, [bytes.buffer]);
      if (inflight > HIGH_WATER && !paused) {
        paused = true;
        blobs.pause();
      }
      return;
    }
    const r = analyzeBuffer(content, { file, git: 'none', content }, { maxFileSize: opts.maxFileSize }, undefined, size);
    take({ id, file, size, findings: r.findings, ignored: r.ignored, scanned: r.scanned, ...(r.note ? { note: r.note } : {}) });
  });
  const head = gitText(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], cwd);
  // A partial clone lacks blobs, and `cat-file --batch` dies on the first one it may not fetch:
  // list them first (one `rev-list` walk, only in partial clones) and report them instead.
  const absent = new Set<string>();
  const promisor = git(['config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$'], cwd);
  if (promisor.status === 0 && /^(extensions\.partialclone \S|remote\..*\.promisor true)/im.test(promisor.stdout.toString('utf8'))) {
    // Every ref and HEAD, not just the range: the parents' and HEAD's blobs are read too.
    const r = git(['rev-list', '--objects', '--no-object-names', '--missing=print', '--all', ...(head ? [head] : []), '--'], cwd);
    if (r.status !== 0) throw new GitError(`git rev-list failed: ${r.stderr.trim() || `exit ${r.status}`}`);
    for (const line of r.stdout.toString('utf8').split('\n')) if (line.startsWith('?')) absent.add(line.slice(1));
  }
  const queue = (blob: string, file: string) => {
    if (seen.has(blob)) return;
    seen.add(blob);
    if (absent.has(blob)) {
      missing.push(`${blob.slice(0, 12)}:${file}`);
      return;
    }
    pathOf.set(blob, file);
    blobs.add(blob);
  };

  // HEAD's tree: scanned too, so `inHead` is known even for blobs older than a range.
  const headBlobs: string[] = [];
  if (head) {
    const r = git(['ls-tree', '-r', '-z', '--full-tree', head], cwd);
    if (r.status !== 0) throw new GitError(`git ls-tree failed: ${r.stderr.trim() || `exit ${r.status}`}`);
    for (const entry of r.stdout.toString('utf8').split('\0')) {
      const tab = entry.indexOf('\t');
      if (tab < 0) continue;
      const [mode = '', type, blob = ''] = entry.slice(0, tab).split(' ');
      const p = entry.slice(tab + 1);
      if (type !== 'blob' || !isFileMode(mode) || ignoredPath(p)) continue;
      headBlobs.push(blob);
      queue(blob, p);
    }
  }

  // One `git log` for every commit, children before parents (not --reverse: that holds all output
  // back until the whole walk is done, while this streams, so blobs are scanned during the walk).
  // Merges as combined diffs (only what the merge itself adds, e.g. a conflict resolution), so a
  // branch's key is attributed to the branch's commit.
  const commits: { sha: string; date: string }[] = [];
  // path\0blob -> its introduction by the oldest commit seen so far (output is newest first).
  const introduced = new Map<string, Intro>();
  const logArgs = ['log', '-z', '--raw', '--no-abbrev', '--no-renames', '--root', '-c', '--no-show-signature', '--topo-order', '--format=%x01%H %aI'];
  if (opts.since) logArgs.push(`--since=${opts.since}`);
  if (opts.range) logArgs.push('--end-of-options', opts.range);
  else logArgs.push('--all');
  logArgs.push('--');
  let meta: string | undefined;
  const onToken = (raw: string) => {
    if (meta !== undefined) {
      const p = raw;
      const m = meta;
      meta = undefined;
      const colons = /^:+/.exec(m)?.[0].length ?? 1;
      const fields = m.slice(colons).split(' ');
      const modes = fields.slice(0, colons + 1);
      const shas = fields.slice(colons + 1, 2 * colons + 2);
      const dst = shas.at(-1) ?? '';
      const dstMode = modes.at(-1) ?? '';
      if (ZERO.test(dst) || !isFileMode(dstMode) || ignoredPath(p)) return;
      const src: string[] = [];
      for (let i = 0; i < colons; i++) {
        const s = shas[i] ?? '';
        if (!ZERO.test(s) && isFileMode(modes[i] ?? '')) {
          src.push(s);
          queue(s, p);
        }
      }
      introduced.set(`${p}\0${dst}`, { commit: commits.length - 1, path: p, blob: dst, src });
      queue(dst, p);
      return;
    }
    const t = raw.startsWith('\n') ? raw.slice(1) : raw;
    if (t.startsWith('\x01')) {
      const space = t.indexOf(' ');
      commits.push({ sha: t.slice(1, space), date: t.slice(space + 1) });
    } else if (t.startsWith(':')) meta = t;
  };
  const split = nulSplitter(onToken);
  const logDone = new Promise<void>((resolve, reject) => {
    const child = spawn('git', gitArgv(logArgs), { cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout.on('data', (d: Buffer) => split.push(d));
    child.on('error', (e) => reject(spawnFailure(e, cwd)));
    child.on('close', (code) => {
      split.end();
      if (code !== 0) reject(new GitError(`git log failed: ${stderr.trim() || `exit ${code}`}`));
      else resolve();
    });
  });
  try {
    await logDone;
  } finally {
    blobs.end();
  }
  try {
    await blobs.done;
    if (pool && pending > 0 && !workerError) await new Promise<void>((resolve) => (drained = resolve));
  } finally {
    for (const w of pool ?? []) void w.terminate();
  }
  if (workerError) throw workerError;

  // Attribution: the first introduction (commit order) of a blob holding the credential at a path
  // whose previous version there did not hold it. Each credential (rule + fingerprint) once.
  const headKeys = new Set<string>();
  for (const b of headBlobs) for (const f of blobInfo.get(b)?.findings ?? []) headKeys.add(keyOf(f));
  const reported = new Set<string>();
  const findings: HistoryFinding[] = [];
  // Oldest commit first (the highest index: git listed it last), then by path.
  const intros = [...introduced.values()].sort((a, b) => b.commit - a.commit || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const intro of intros) {
    const info = blobInfo.get(intro.blob);
    if (!info) continue;
    const before = new Set<string>();
    for (const s of intro.src) for (const f of blobInfo.get(s)?.findings ?? []) before.add(keyOf(f));
    const commit = commits[intro.commit];
    if (!commit) continue;
    for (const f of info.findings) {
      const k = keyOf(f);
      if (before.has(k) || reported.has(k)) continue;
      reported.add(k);
      findings.push({ ...f, file: intro.path, commit: commit.sha, date: commit.date, inHead: headKeys.has(k) });
    }
  }

  if (binary) notes.push({ file: '(history)', code: 'binary', message: `skipped: ${binary} binary blob${binary === 1 ? '' : 's'}`, fatal: false });
  if (invalidUtf8)
    notes.push({
      file: '(history)',
      code: 'invalid-utf8',
      message: `${invalidUtf8} blob${invalidUtf8 === 1 ? ' was' : 's were'} not valid UTF-8: scanned as Latin-1`,
      fatal: false,
    });
  for (const t of tooLarge)
    notes.push({
      file: t,
      code: 'too-large',
      message: `not scanned: over the size limit of ${opts.maxFileSize} bytes (raise it with --max-file-size)`,
      fatal: true,
    });
  if (missing.length) {
    notes.push({
      file: '(history)',
      code: 'missing',
      message:
        `not scanned: ${missing.length} blob${missing.length === 1 ? ' is' : 's are'} not in this clone (partial clone?): ` +
        `${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}. Fetch them (\`git fetch --refetch\` without a filter) and scan again`,
      fatal: true,
    });
  }
  notes.push(...failed);
  const result: HistoryResult = { findings, notes, commits: commits.length, blobs: scannedBlobs, ignored, root };
  if (head) result.head = head;
  return result;
}
