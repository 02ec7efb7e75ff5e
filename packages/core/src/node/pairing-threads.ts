import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { PairingThreadHost } from '../pipeline/pairing/pairing-pool.js';
import { builtModule } from './built-module.js';

/**
 * Pairing threads on Node's worker_threads. Each worker imports the built JavaScript of the pairing's module and
 * of pairing-worker.ts (builtModule: from dist when this code runs from src under Jest); without one, no thread.
 */
export const nodePairingThreads: PairingThreadHost = {
  cores: () => availableParallelism(),
  start(spec) {
    const module = builtModule(spec.module);
    const script = builtModule(new URL('../pipeline/pairing/pairing-worker.js', import.meta.url).href);
    if (!module || !script) return undefined;
    const w = new Worker(new URL(script), { workerData: { ...spec, module } });
    // A worker that dies only costs speed (its batches get paired by the training thread); it must not keep the
    // process alive either.
    w.on('error', () => undefined);
    w.unref();
    return w;
  },
};
