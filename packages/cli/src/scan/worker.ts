import { parentPort } from 'node:worker_threads';
import { loadDotenv, type DotenvApi } from '../dotenv-bridge.js';
import { runTask } from './analyze.js';
import type { WorkerRequest, WorkerResponse } from './pool.js';

// The dotenv validator is loaded on the first batch that holds an env file: most batches have none.
let dotenv: DotenvApi | undefined;

parentPort?.on('message', (req: WorkerRequest) => {
  const respond = () => {
    const response: WorkerResponse = { batch: req.batch, results: req.tasks.map((t) => runTask(t, req.options, dotenv)) };
    parentPort?.postMessage(response);
  };
  if (dotenv || !req.tasks.some((t) => t.env)) respond();
  else
    void loadDotenv().then((d) => {
      dotenv = d;
      respond();
    });
});
