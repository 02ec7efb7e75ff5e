import { Worker } from 'node:worker_threads';
import type { PoolWorker, SpawnWorker } from '../fv-wasm.js';

/** Pool workers as Node worker threads, behind a Web Worker's calls (the pool's code reads which it runs in). */
export const nodeSpawner: SpawnWorker = (code) => {
  const w = new Worker(code, { eval: true });
  const pw: PoolWorker = { onmessage: null, postMessage: (m) => w.postMessage(m), terminate: () => void w.terminate() };
  w.on('message', (data) => pw.onmessage?.({ data }));
  // A pool worker blocks in fvw_worker for good: it must not keep Node alive.
  w.unref();
  return pw;
};
