/**
 * `credlint scan --history`: every credential ever committed, reported once, attributed to the
 * commit that introduced it (docs/guides/history.md).
 *
 * Built like Nosey Parker, not like `git log -p | grep`: ONE `git log --raw` process lists, per
 * commit, the (path, blob) pairs it introduces; each new blob id is queued once and handed, a batch
 * at a time, to a worker that pipes it into its own `git cat-file --batch` and scans the blob as it
 * streams back (blobs.ts), so git's inflating and the scan both run on every core. Findings are
 * kept only for the few blobs that have any, then mapped back to the earliest introducing commit.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { GitError, git, gitArgv, gitEnv, spawnFailure } from '../git.js';
import { BlobScanner, emptyTally, type BlobRequest, type BlobTally } from './blobs.js';
import { addPackStats, CLEAN, CLEAN_LATIN1, emptyPackStats, listPacks, PackIndex, PackVerdicts, type PackPassStats } from './pack.js';
import type { FromPackWorker, PackWorkerInit } from './pack-worker.js';
import { credlintIgnores, ignoredBy, type Scoped } from '../scan/walk.js';
import type { FileNote, ReportFinding } from '../types.js';

export interface HistoryOptions {
  cwd: string;
  /** A revision range (`origin/main..HEAD`); undefined = every commit reachable from any ref. */
  range?: string;
  /** Passed to `git log --since`. */
  since?: string;
  maxFileSize: number;
  /** Look for account ids too (the configuration's `accountId`). */
  accountId?: boolean;
  /** The configuration's `ignore` globs, applied like `.credlintignore`. */
  ignores?: Scoped[];
  /** Scanning threads besides the main one (which parses `git log`), each with its own `git cat-file`: default one per core up to 4 (none on one core), 0 = inline. */
  jobs?: number;
  /** Blobs the main thread scans alone before workers start (default INLINE_BLOBS; tests lower it to reach the workers). */
  inlineBlobs?: number;
  /** Bytes the main thread reads alone before workers start (default INLINE_BYTES; tests lower it). */
  inlineBytes?: number;
  /** Memory for the delta test's references (blobs.ts deltaMayHaveFindings), shared by the scanners; 0 = no delta test. Tests set it. */
  deltaBytes?: number;
  /** The pack pass (pack.ts): undefined = for a whole-history scan of a repository whose packs hold PACK_MIN_BYTES or more, unless CREDLINT_PACK_PASS=0; true = always (tests); false = never. */
  packs?: boolean;
  /** Bytes of `git log` output kept while the pack pass runs (default LOG_KEEP_BYTES; tests lower it). */
  logKeepBytes?: number;
}

/** The worker's start-up data. */
export interface WorkerInit {
  cwd: string;
  maxFileSize: number;
  accountId: boolean;
  deltaBytes: number;
  /** The worker asks for more blob ids when this few are left in flight. */
  low: number;
}
export type ToWorker = { type: 'add'; reqs: BlobRequest[] } | { type: 'end' };
export type ToMain = { type: 'need' } | { type: 'done'; tally: BlobTally } | { type: 'error'; message: string };

/** Blob ids handed to a worker at a time, and how few it may have left in flight before it asks again. */
const BATCH = 64;
const LOW = 32;
/**
 * A history of up to this many unique blobs, or while the main thread has read fewer bytes, is
 * scanned on the main thread alone: for a small history, workers' start-up (a thread, the scanner's
 * modules, a git process each) costs more than they save (3,000 commits, 8,948 blobs, 90 MB: 0.95 s
 * inline, 1.1 s with two workers).
 */
const INLINE_BLOBS = 16384;
const INLINE_BYTES = 128 << 20;
/**
 * Memory for the delta test's references, shared by the scanners. A path's versions are sent one
 * after the other, so a reference is a few blobs back: on aws-cli's history 32 MB settles as many
 * blobs by delta as 96 MB did (docs/guides/history.md).
 */
const DELTA_BYTES = 32 << 20;
/**
 * Pack bytes from which a whole-history scan starts with the pass (pack.ts): it reads every blob of
 * every pack before git log's output is parsed, so it pays off when git cat-file would rebuild much. Measured here:
 * a generated 137 MB pack (381 MB of blobs) breaks even (5.1 s either way); aws-cli's 482 MB pack
 * (7.7 GB of blobs) goes from 23–25 s to 13–18 s; a 20 MB one (57 MB) loses (1.06 → 1.44 s).
 * A range or `--since` scan reads few blobs: git cat-file alone.
 */
const PACK_MIN_BYTES = 128 << 20;

/**
 * `git log` output kept in memory while the pack pass runs, before git is left waiting on a full pipe
 * until the parse starts. aws-cli's whole log is 30 MB (about 1 KB a commit), so it fits; a history of a
 * million commits would otherwise be held whole.
 */
const LOG_KEEP_BYTES = 64 << 20;

/** How often `git log` was left waiting, and the most output kept at once, since the process started (tests). */
export const gitLogStats = { paused: 0, keptMax: 0 };

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
  /** Blobs the delta test settled and the bytes it spared (not in reports: tests and benchmarks read it). */
  delta: { blobs: number; skipped: number };
  /** The pack pass, when it ran: blobs it settled (of those scanned), its counters, and why its verdicts went unused, if they did. */
  pack?: { settled: number; stats?: PackPassStats; error?: string };
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
 * A git process whose output is kept until `start` hands it, and then the rest as it comes, to
 * `onChunk`; `start`'s promise settles when git has exited (rejecting unless with 0). Past `keepBytes`
 * kept, git is left waiting until `start`. Exported for tests.
 */
export function startGit(args: string[], cwd: string, what: string, keepBytes: number): { start(onChunk: (d: Buffer) => void): Promise<void>; stop(): void } {
  const child = spawn('git', gitArgv(args), { cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  let stderr = '';
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let sink: ((d: Buffer) => void) | undefined;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdout.on('data', (d: Buffer) => {
    if (sink) return sink(d);
    kept.push(d);
    keptBytes += d.length;
    gitLogStats.keptMax = Math.max(gitLogStats.keptMax, keptBytes);
    // Past the bound git waits (a full pipe) until `start`; stderr is still read meanwhile.
    if (keptBytes >= keepBytes && !child.stdout.isPaused()) {
      child.stdout.pause();
      gitLogStats.paused++;
    }
  });
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', (e) => reject(spawnFailure(e, cwd)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new GitError(`${what} failed: ${stderr.trim() || `exit ${code}`}`))));
  });
  // Handled by `start`'s caller; a scan that fails before then must not leave it unhandled.
  exited.catch(() => {});
  return {
    start(onChunk) {
      for (const d of kept.splice(0)) onChunk(d);
      keptBytes = 0;
      sink = onChunk;
      child.stdout.resume();
      return exited;
    },
    stop() {
      if (child.exitCode === null) child.kill();
    },
  };
}

/** A running pack pass: its verdicts, or why there are none (any failure leaves every blob to `git cat-file`). */
interface PackPass {
  /** Settles once the workers have exited; never rejects. */
  result: Promise<{ verdicts?: PackVerdicts; stats?: PackPassStats; error?: string }>;
}

/** Starts the pack pass (pack.ts) on `workers` threads, when it applies (HistoryOptions.packs). */
function startPackPass(opts: HistoryOptions, workers: number): PackPass | undefined {
  const { cwd } = opts;
  const mode = opts.packs ?? (process.env.CREDLINT_PACK_PASS === '0' ? false : undefined);
  if (mode === false || (mode !== true && (opts.range !== undefined || opts.since !== undefined || workers === 0))) return undefined;
  // Pack indexes name objects by SHA-1 (20 bytes); a SHA-256 repository is left to cat-file.
  if (gitText(['rev-parse', '--show-object-format'], cwd) !== 'sha1') return undefined;
  const objects = gitText(['rev-parse', '--git-path', 'objects'], cwd);
  if (objects === undefined) return undefined;
  const packs = listPacks(path.resolve(cwd, objects));
  let indexes: PackIndex[];
  try {
    // Sizes first: most repositories stop here, without reading an index.
    const packBytes = packs.reduce((n, p) => n + statSync(p.pack).size, 0);
    if (mode !== true && packBytes < PACK_MIN_BYTES) return undefined;
    // An index this reader does not know (version 1, SHA-256) or a pack gone meanwhile (gc): no pass.
    indexes = packs.map((p) => new PackIndex(readFileSync(p.idx)));
  } catch {
    return undefined;
  }
  if (indexes.every((x) => x.count === 0)) return undefined;
  const shares = Math.max(1, workers);
  const pool: Worker[] = [];
  const runs = Array.from({ length: shares }, (_, share) => {
    const init: PackWorkerInit = { packs, share, shares, maxFileSize: opts.maxFileSize, accountId: opts.accountId === true };
    let w: Worker;
    try {
      // A small young generation: the pass allocates few JS objects but many buffers, which a
      // scavenge frees; with the default 16 MB semi-spaces they wait longer (about 30 MB RSS each).
      w = new Worker(new URL('./pack-worker.js', import.meta.url), { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 2 } });
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e))); // no pass: the others are stopped below
    }
    pool.push(w);
    return new Promise<{ verdicts: Uint8Array[]; stats: PackPassStats }>((resolve, reject) => {
      w.on('message', (m: FromPackWorker) => (m.type === 'done' ? resolve(m) : reject(new Error(m.message))));
      w.on('error', reject);
      w.on('exit', (code) => reject(new Error(`pack worker exited with code ${code}`)));
    });
  });
  const result = Promise.all(runs).then(
    (done) => {
      const stats = emptyPackStats();
      for (const d of done) addPackStats(stats, d.stats);
      // Each worker decided its own share (and the bases it needed): a blob's verdict is any worker's.
      const parts = indexes.map((index, i) => {
        const merged = new Uint8Array(index.count);
        for (const d of done) {
          const v = d.verdicts[i] as Uint8Array;
          for (let k = 0; k < merged.length; k++) if (v[k]) merged[k] = v[k] as number;
        }
        return { index, verdicts: merged };
      });
      return { verdicts: new PackVerdicts(parts), stats };
    },
    (e: Error) => ({ error: e.message }),
  );
  return {
    // Resolved once the workers are gone: their memory is back before the scanners start theirs.
    result: result.then(async (r) => {
      await Promise.all(pool.map((w) => w.terminate()));
      return r;
    }),
  };
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

  // Blobs queued for scanning, and the scanner each went to (-1: the inline one): the next version
  // of a path goes to the scanner that holds the previous one, for the delta test.
  const seen = new Map<string, number>();
  /** Blobs a partial clone lacks (known before reading): reported with the scanners' own. */
  const absentMissing: { seq: number; text: string }[] = [];

  // Blob ids go to one `git cat-file --batch` per worker, or to one on the main thread for a small
  // history. Each worker has its own queue; a worker whose queue is empty takes from the longest
  // other one, so one busy path does not hold the end back. A path's older versions wait for the
  // version they are tested against and are sent right after it, depth first (`followers`): the
  // delta test's reference is then a few blobs back, and git reads a path's versions (usually
  // deltas of each other) one after the other.
  const jobs = Math.min(opts.jobs ?? (availableParallelism() >= 2 ? Math.min(availableParallelism(), 4) : 0), 8);
  const deltaBytes = opts.deltaBytes ?? DELTA_BYTES;
  let inlineBlobs = opts.inlineBlobs ?? INLINE_BLOBS;
  let inlineBytes = opts.inlineBytes ?? INLINE_BYTES;
  const scanners: Promise<BlobTally>[] = [];
  // The main thread's scanner takes blobs in the order git log names them (`early`) until the
  // history proves large; then the workers take the rest. No delta test here: a blob is sent before
  // its other versions are known.
  const early: BlobRequest[] = [];
  let earlyHead = 0;
  /** Blobs queued so far (each request's place in the queue). */
  let seq = 0;
  let inlineEnded = false;
  const inline = new BlobScanner(cwd, { maxFileSize: opts.maxFileSize, accountId: opts.accountId === true, deltaBytes: 0 }, () => pumpInline());
  scanners.push(inline.done);
  // Awaited with the others at the end; a failure before that must not be an unhandled rejection.
  inline.done.catch(() => {});
  const endInline = () => {
    if (inlineEnded) return;
    inlineEnded = true;
    inline.end();
  };
  function pumpInline(): void {
    if (inlineEnded) return;
    const left = early.length - earlyHead;
    if (jobs > 0 && left > 0 && (seq >= inlineBlobs || inline.bytes >= inlineBytes)) return startPool();
    if (left > 0 && inline.outstanding <= LOW) {
      const reqs = early.slice(earlyHead, earlyHead + BATCH);
      earlyHead += reqs.length;
      inline.add(reqs);
    } else if (left === 0 && logEnded) endInline();
  }
  const queues: { reqs: BlobRequest[]; head: number }[] = [];
  /** Per worker: followers to send before its queue, the next one last. */
  const stacks: BlobRequest[][] = [];
  /** Blobs queued and not yet sent, by id → the blobs to send right after them. */
  const followers = new Map<string, BlobRequest[]>();
  const pending = (q: { reqs: BlobRequest[]; head: number }) => q.reqs.length - q.head;
  let next = 0;
  let logEnded = false;
  const hungry: number[] = [];
  const pool: Worker[] = [];
  let failWorkers: ((e: Error) => void) | undefined;
  const workersFailed = new Promise<never>((_, reject) => (failWorkers = reject));
  // Unhandled only if no worker fails; the scan awaits it alongside the tallies.
  workersFailed.catch(() => {});
  /** The next blob for worker `i`: a follower, its queue's head, or the tail of the longest queue (or stack). */
  const nextFor = (i: number): BlobRequest | undefined => {
    const stack = stacks[i] as BlobRequest[];
    if (stack.length) return stack.pop();
    const own = queues[i] as { reqs: BlobRequest[]; head: number };
    if (pending(own) > 0) {
      const req = own.reqs[own.head++] as BlobRequest;
      if (own.head > 65536) {
        own.reqs.splice(0, own.head);
        own.head = 0;
      }
      return req;
    }
    let victim = own;
    for (const q of queues) if (pending(q) > pending(victim)) victim = q;
    if (pending(victim) > 0) return victim.reqs.pop();
    // Only followers are left: take the last one another worker would send.
    let longest = stack;
    for (const st of stacks) if (st.length > longest.length) longest = st;
    return longest.shift();
  };
  /** Sends worker `i` a batch; false when there is nothing to send. */
  const take = (i: number): boolean => {
    const reqs: BlobRequest[] = [];
    for (let req = nextFor(i); req; req = reqs.length < BATCH ? nextFor(i) : undefined) {
      reqs.push(req);
      // Stolen blobs and their later versions now belong here.
      seen.set(req.id, i);
      const after = followers.get(req.id);
      followers.delete(req.id);
      if (after?.length) {
        req.keep = true;
        (stacks[i] as BlobRequest[]).push(...after.reverse());
      }
    }
    if (reqs.length === 0) return false;
    (pool[i] as Worker).postMessage({ type: 'add', reqs } satisfies ToWorker);
    return true;
  };
  const feed = (i: number) => {
    if (take(i)) return;
    if (logEnded) (pool[i] as Worker).postMessage({ type: 'end' } satisfies ToWorker);
    else hungry.push(i);
  };
  const feedHungry = () => {
    const waiting = hungry.splice(0);
    for (const i of waiting) feed(i);
  };
  function startPool(): void {
    endInline();
    for (let i = 0; i < jobs; i++) {
      const init: WorkerInit = { cwd, maxFileSize: opts.maxFileSize, accountId: opts.accountId === true, deltaBytes: Math.floor(deltaBytes / jobs), low: LOW };
      const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: init });
      scanners.push(
        new Promise<BlobTally>((resolve) => {
          w.on('message', (m: ToMain) => {
            if (m.type === 'need') feed(i);
            else if (m.type === 'done') resolve(m.tally);
            else failWorkers?.(new GitError(m.message));
          });
          w.on('error', (e) => failWorkers?.(e));
          w.on('exit', (code) => {
            if (code !== 0) failWorkers?.(new Error(`history worker exited with code ${code}`));
          });
        }),
      );
      pool.push(w);
      queues.push({ reqs: [], head: 0 });
      stacks.push([]);
    }
    // What the main thread had not taken yet, in the order git log named it: placed as if queued now.
    const rest = early.slice(earlyHead);
    early.length = 0;
    earlyHead = 0;
    for (const req of rest) place(req);
  }
  /** Puts a request in a worker's queue, or after the version it is to be tested against (`req.ref`). */
  function place(req: BlobRequest): void {
    followers.set(req.id, []);
    const ref = req.ref;
    const owner = ref === undefined ? undefined : seen.get(ref);
    if (ref !== undefined && owner !== undefined && owner >= 0) {
      seen.set(req.id, owner);
      const waiting = followers.get(ref);
      if (waiting) waiting.push(req);
      else (queues[owner] as { reqs: BlobRequest[] }).reqs.push(req);
      return;
    }
    delete req.ref;
    const to = next++ % jobs;
    seen.set(req.id, to);
    (queues[to] as { reqs: BlobRequest[] }).reqs.push(req);
  }

  const head = gitText(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], cwd);
  // A partial clone lacks blobs, and `cat-file --batch` dies on the first one it may not fetch:
  // list them first (one `rev-list` walk, only in partial clones) and report them instead.
  const absent = new Set<string>();
  const promisor = git(['config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$'], cwd);
  if (promisor.status === 0 && /^(extensions\.partialclone \S|remote\..*\.promisor true)/im.test(promisor.stdout.toString('utf8'))) {
    // Every ref and HEAD, not just the range: the parents' and HEAD's blobs are read too.
    // Streamed, keeping only the missing ids: the listing names every object (41 bytes each), which
    // for a large history is more than one buffer should hold.
    const list = startGit(
      ['rev-list', '--objects', '--no-object-names', '--missing=print', '--all', ...(head ? [head] : []), '--'],
      cwd,
      'git rev-list',
      Infinity,
    );
    let rest = '';
    await list.start((d) => {
      const lines = (rest + d.toString('latin1')).split('\n');
      rest = lines.pop() as string;
      for (const line of lines) if (line.startsWith('?')) absent.add(line.slice(1));
    });
    if (rest.startsWith('?')) absent.add(rest.slice(1));
  }
  // The pack pass settles most blobs without git cat-file. git log's output is parsed only after
  // it (the parse's maps would add to the workers' memory), but git log starts now and what it
  // writes meanwhile is kept, up to LOG_KEEP_BYTES (aws-cli's whole log is 30 MB).
  const logArgs = ['log', '-z', '--raw', '--no-abbrev', '--no-renames', '--root', '-c', '--no-show-signature', '--topo-order', '--format=%x01%H %aI'];
  if (opts.since) logArgs.push(`--since=${opts.since}`);
  if (opts.range) logArgs.push('--end-of-options', opts.range);
  else logArgs.push('--all');
  logArgs.push('--');
  const log = startGit(logArgs, cwd, 'git log', opts.logKeepBytes ?? LOG_KEEP_BYTES);
  const packPass = startPackPass(opts, jobs);
  const packResult = packPass ? await packPass.result : undefined;
  const verdicts = packResult?.verdicts;
  // What the pass leaves (about 1% of aws-cli's blobs, mostly large) is scanned on this thread:
  // workers would add their start-up and memory (peak RSS 500–530 → 450–480 MB there, +0.5 s).
  if (verdicts) {
    inlineBlobs = opts.inlineBlobs ?? Infinity;
    inlineBytes = opts.inlineBytes ?? Infinity;
  }
  const packTally = { scanned: 0, invalidUtf8: 0 };
  /** Queues a blob once; `ref` is another version of the path, queued before (the delta test's reference). */
  const queue = (blob: string, file: string, ref?: string) => {
    if (seen.has(blob)) return;
    route(blob, file, ref);
  };
  const route = (blob: string, file: string, ref?: string) => {
    const v = verdicts?.get(blob);
    if (v === CLEAN || v === CLEAN_LATIN1) {
      // -2: settled here; a later version is then tested without a reference.
      seen.set(blob, -2);
      packTally.scanned++;
      if (v === CLEAN_LATIN1) packTally.invalidUtf8++;
      return;
    }
    const req: BlobRequest = { id: blob, file, seq: seq++ };
    if (absent.has(blob)) {
      seen.set(blob, -1);
      absentMissing.push({ seq: req.seq, text: `${blob.slice(0, 12)}:${file}` });
      return;
    }
    if (ref !== undefined) req.ref = ref;
    if (pool.length === 0) {
      seen.set(blob, -1);
      early.push(req);
      pumpInline();
      return;
    }
    place(req);
  };
  const packInfo: HistoryResult['pack'] = packResult && {
    settled: 0,
    ...(packResult.stats ? { stats: packResult.stats } : {}),
    ...(packResult.error ? { error: packResult.error } : {}),
  };

  // HEAD's tree: scanned too, so `inHead` is known even for blobs older than a range.
  const headBlobs: string[] = [];
  if (head) {
    const r = git(['ls-tree', '-r', '-z', '--full-tree', head], cwd);
    if (r.status !== 0) {
      log.stop(); // it may be waiting on a full pipe (LOG_KEEP_BYTES)
      throw new GitError(`git ls-tree failed: ${r.stderr.trim() || `exit ${r.status}`}`);
    }
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
        if (!ZERO.test(s) && isFileMode(modes[i] ?? '')) src.push(s);
      }
      introduced.set(`${p}\0${dst}`, { commit: commits.length - 1, path: p, blob: dst, src });
      // Newest first, the new version is usually known already (HEAD's, or a later commit's old
      // one): the old version follows it to the same scanner, tested against it.
      const first = src.find((x) => seen.has(x));
      queue(dst, p, first);
      for (const x of src) queue(x, p, dst);
      return;
    }
    const t = raw.startsWith('\n') ? raw.slice(1) : raw;
    if (t.startsWith('\x01')) {
      const space = t.indexOf(' ');
      commits.push({ sha: t.slice(1, space), date: t.slice(space + 1) });
    } else if (t.startsWith(':')) meta = t;
  };
  const split = nulSplitter(onToken);
  const logDone = log
    .start((d) => {
      split.push(d);
      feedHungry();
    })
    .then(() => split.end());
  let tallies: BlobTally[];
  try {
    try {
      await logDone;
    } catch (e) {
      endInline();
      throw e;
    } finally {
      log.stop();
      logEnded = true;
      pumpInline();
      feedHungry();
    }
    // The main thread's scanner may still hand over to workers after git log ended (its bytes
    // passing INLINE_BYTES): their tallies join the list then, so wait until it stops growing.
    let waited: number;
    do {
      waited = scanners.length;
      tallies = await Promise.race([Promise.all(scanners), workersFailed]);
    } while (scanners.length !== waited);
  } finally {
    for (const w of pool) void w.terminate();
  }
  const blobInfo = new Map<string, ReportFinding[]>();
  const all = emptyTally();
  all.missing.push(...absentMissing);
  all.scanned += packTally.scanned;
  all.invalidUtf8 += packTally.invalidUtf8;
  if (packInfo) packInfo.settled = packTally.scanned;
  for (const t of tallies) {
    all.scanned += t.scanned;
    all.binary += t.binary;
    all.invalidUtf8 += t.invalidUtf8;
    all.ignored += t.ignored;
    for (const f of t.found) blobInfo.set(f.id, f.findings);
    all.tooLarge.push(...t.tooLarge);
    all.missing.push(...t.missing);
    all.failed.push(...t.failed);
    all.delta.blobs += t.delta.blobs;
    all.delta.skipped += t.delta.skipped;
  }
  // In queue order, however the blobs were split between scanners.
  const bySeq = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq;
  const tooLarge = all.tooLarge.sort(bySeq).map((t) => t.text);
  const missing = all.missing.sort(bySeq).map((t) => t.text);
  const failed = all.failed.sort(bySeq).map((t) => t.note);
  const { binary, invalidUtf8, ignored, scanned: scannedBlobs } = all;

  // Attribution: the first introduction (commit order) of a blob holding the credential at a path
  // whose previous version there did not hold it. Each credential (rule + fingerprint) once.
  const headKeys = new Set<string>();
  for (const b of headBlobs) for (const f of blobInfo.get(b) ?? []) headKeys.add(keyOf(f));
  const reported = new Set<string>();
  const findings: HistoryFinding[] = [];
  // Oldest commit first (the highest index: git listed it last), then by path.
  const intros = [...introduced.values()].sort((a, b) => b.commit - a.commit || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const intro of intros) {
    const info = blobInfo.get(intro.blob);
    if (!info) continue;
    const before = new Set<string>();
    for (const s of intro.src) for (const f of blobInfo.get(s) ?? []) before.add(keyOf(f));
    const commit = commits[intro.commit];
    if (!commit) continue;
    for (const f of info) {
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
  const result: HistoryResult = { findings, notes, commits: commits.length, blobs: scannedBlobs, delta: all.delta, ignored, root };
  if (packInfo) result.pack = packInfo;
  if (head) result.head = head;
  return result;
}
