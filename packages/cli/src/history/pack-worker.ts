/**
 * Pack pass worker: decides its share of every pack's blobs (pack.ts `plan`: whole delta families,
 * the same split in every worker) and hands back the verdicts.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { addPackStats, emptyPackStats, PackIndex, PackReader, type PackPassStats } from './pack.js';

export interface PackWorkerInit {
  packs: { idx: string; pack: string }[];
  share: number;
  shares: number;
  maxFileSize: number;
  accountId: boolean;
}
export type FromPackWorker = { type: 'done'; verdicts: Uint8Array[]; stats: PackPassStats } | { type: 'error'; message: string };

const init = workerData as PackWorkerInit;
const post = (m: FromPackWorker, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(m, transfer);
try {
  const verdicts: Uint8Array[] = [];
  const stats = emptyPackStats();
  for (const p of init.packs) {
    const reader = new PackReader(p.pack, new PackIndex(readFileSync(p.idx)), { maxFileSize: init.maxFileSize, accountId: init.accountId });
    try {
      reader.runShare(reader.plan(init.shares)[init.share] as Uint32Array);
    } finally {
      reader.close();
    }
    verdicts.push(reader.verdicts);
    addPackStats(stats, reader.stats);
  }
  post(
    { type: 'done', verdicts, stats },
    verdicts.map((v) => v.buffer as ArrayBuffer),
  );
} catch (e) {
  post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
