/**
 * History scan worker: runs its own `git cat-file --batch` over the blob ids the main thread hands
 * it (the main thread parses `git log` meanwhile) and asks for more when few are left in flight.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BlobScanner } from './blobs.js';
import type { ToMain, ToWorker, WorkerInit } from './scan.js';

const { cwd, maxFileSize, accountId, deltaBytes, low } = workerData as WorkerInit;
const post = (m: ToMain) => parentPort?.postMessage(m);
let asked = false;
let ended = false;
const scanner = new BlobScanner(cwd, { maxFileSize, accountId, deltaBytes }, () => {
  if (!asked && !ended && scanner.outstanding <= low) {
    asked = true;
    post({ type: 'need' });
  }
});
scanner.done.then(
  (tally) => post({ type: 'done', tally }),
  (e: Error) => post({ type: 'error', message: e.message }),
);
parentPort?.on('message', (m: ToWorker) => {
  if (m.type === 'add') {
    asked = false;
    scanner.add(m.reqs);
  } else {
    ended = true;
    scanner.end();
  }
});
post({ type: 'need' });
