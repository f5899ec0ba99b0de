/**
 * Runs file analysis in parallel: a small pool of worker threads sized to the machine, fed in
 * batches. Small scans (the commit hook's usual case) stay on the main thread, because starting
 * a worker costs more than analysing a few dozen files.
 */
import { availableParallelism } from 'node:os';
import { loadDotenv } from '../dotenv-bridge.js';
import type { ScannedFile } from '../types.js';
import { runTask, type AnalyzeOptions, type FileTask } from './analyze.js';

/** Below this many files (or bytes of staged content) a scan runs inline. */
export const INLINE_MAX_FILES = 256;
const BATCH = 32;

export interface PoolOptions extends AnalyzeOptions {
  /** Worker threads; 0 or 1 = inline. Default: available parallelism − 1 (at most 8; inline below 2). */
  jobs?: number;
}

export interface WorkerRequest {
  batch: number;
  tasks: FileTask[];
  options: AnalyzeOptions;
}

export interface WorkerResponse {
  batch: number;
  results: ScannedFile[];
}

/**
 * Default: one worker per core but one (the main thread walks, reorders and prints), at most 8.
 * Measured on a 2-core machine, one worker is slower than none (startup + cloning), so fewer than
 * two workers means inline.
 */
export function workerCount(tasks: number, jobs: number | undefined): number {
  const cap = jobs ?? Math.min(availableParallelism() - 1, 8);
  if (cap < 2 || tasks < INLINE_MAX_FILES) return 0;
  return Math.max(1, Math.min(cap, Math.ceil(tasks / (BATCH * 2))));
}

export async function analyzeAll(tasks: FileTask[], options: PoolOptions, onResult: (index: number, result: ScannedFile) => void): Promise<void> {
  const workers = workerCount(tasks.length, options.jobs);
  const analyzeOptions: AnalyzeOptions = { maxFileSize: options.maxFileSize, ...(options.accountId ? { accountId: true } : {}) };
  if (workers === 0) {
    const dotenv = tasks.some((t) => t.env) ? await loadDotenv() : undefined;
    for (let i = 0; i < tasks.length; i++) {
      const task = tasks[i];
      if (task) onResult(i, runTask(task, analyzeOptions, dotenv));
      // Let streamed output and the progress line flush between files.
      if (i % 64 === 63) await new Promise((r) => setImmediate(r));
    }
    return;
  }
  // Loaded only when workers run: the inline path (the commit hook, small trees) does not pay for it.
  const { Worker } = await import('node:worker_threads');
  const batches: number[] = [];
  for (let start = 0; start < tasks.length; start += BATCH) batches.push(start);
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let live = workers;
    let failed = false;
    for (let w = 0; w < workers; w++) {
      const worker = new Worker(new URL('./worker.js', import.meta.url));
      const feed = () => {
        const start = batches[next++];
        if (start === undefined) {
          void worker.terminate();
          return;
        }
        const request: WorkerRequest = { batch: start, tasks: tasks.slice(start, start + BATCH), options: analyzeOptions };
        worker.postMessage(request);
      };
      worker.on('message', (msg: WorkerResponse) => {
        msg.results.forEach((r, k) => onResult(msg.batch + k, r));
        feed();
      });
      worker.on('error', (e) => {
        failed = true;
        reject(e);
      });
      worker.on('exit', () => {
        if (--live === 0 && !failed) resolve();
      });
      feed();
    }
  });
}
