/**
 * Worker thread of the PairingPool: builds the pairing its spec names, then walks each epoch's batches in order,
 * pairing every batch that nobody has claimed yet (see pairing-protocol.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Pairing, PairingWorkerSpec } from '../../ports/probability-path.js';
import { createRng } from '../../rng.js';
import { DONE, FAILED, PENDING, WORKER, type EpochJob } from './pairing-protocol.js';

const port = parentPort!;
const spec = workerData as PairingWorkerSpec;

const ready: Promise<Pairing> = import(spec.module).then((mod: Record<string, unknown>) => {
  const factory = mod[spec.export];
  if (typeof factory !== 'function') throw new Error(`${spec.module} has no export '${spec.export}'`);
  return (factory as (o: unknown) => Pairing | Promise<Pairing>)(spec.options); // a promise: awaited by the chain
});

function work(pairing: Pairing, job: EpochJob): void {
  const state = new Int32Array(job.state);
  const offsets = new Int32Array(job.offsets);
  const x0 = new Float32Array(job.x0), x1 = new Float32Array(job.x1), out = new Float32Array(job.out);
  // Labels travel with the batch: a condition-aware pairing gets each batch's slice of them.
  const cond = job.conditions, c = cond ? new Float32Array(cond.c) : undefined;
  for (let k = 0; k < state.length; k++) {
    if (Atomics.compareExchange(state, k, PENDING, WORKER) !== PENDING) continue;
    const a = 2 * offsets[k], b = 2 * offsets[k + 1];
    let result = DONE;
    try {
      const conditions = cond && c ? { c: c.slice(offsets[k] * cond.dim, offsets[k + 1] * cond.dim), dim: cond.dim, discrete: cond.discrete } : undefined;
      out.set(pairing.pair(x0.slice(a, b), x1.slice(a, b), createRng(job.seed, job.labels[k]), conditions), a);
    } catch {
      result = FAILED; // the training thread pairs this batch again and raises the error with its own stack
    }
    Atomics.store(state, k, result);
    Atomics.notify(state, k);
  }
}

// Epochs in the order they were sent. A pairing that cannot be built, or throws, leaves its batches FAILED or
// PENDING: the training thread then pairs them itself and raises the error there.
let queue: Promise<unknown> = Promise.resolve();
port.on('message', (job: EpochJob) => {
  queue = queue.then(() => ready).then((pairing) => work(pairing, job)).catch(() => undefined);
});
