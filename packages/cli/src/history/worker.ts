/** History scan worker: analyses blobs the main thread hands over (it parses git's output meanwhile). */
import { parentPort } from 'node:worker_threads';
import { analyzeBuffer } from '../scan/analyze.js';
import type { BlobJob, BlobDone } from './scan.js';

parentPort?.on('message', (job: BlobJob) => {
  const content = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const r = analyzeBuffer(content, { file: job.file, git: 'none', content }, { maxFileSize: job.maxFileSize }, undefined, job.size);
  const done: BlobDone = { id: job.id, file: job.file, size: job.size, findings: r.findings, ignored: r.ignored, scanned: r.scanned };
  if (r.note) done.note = r.note;
  parentPort?.postMessage(done);
});
