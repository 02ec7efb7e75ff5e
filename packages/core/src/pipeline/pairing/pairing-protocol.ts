/**
 * Work shared between the training thread and the pairing workers, in shared memory: the batches of one epoch
 * (noise and data, each batch at its offset), a slot per batch for the paired noise, and a state per batch that
 * whoever starts it claims with compare-and-swap, so that each batch is paired exactly once by whichever thread
 * reaches it first.
 */
export const PENDING = 0; // nobody has started it
export const WORKER = 1; // a worker is pairing it
export const DONE = 2; // the worker's answer is in `out`
export const TRAINER = 3; // the training thread took it
export const FAILED = 4; // the worker's pairing threw (the training thread re-runs it to raise the same error)

export interface EpochJob {
  /** Points of the epoch, batch after batch, n×2 interleaved: noise, data, paired noise. */
  x0: SharedArrayBuffer;
  x1: SharedArrayBuffer;
  out: SharedArrayBuffer;
  /** Int32: point offset of batch k at [k], total at [count]. */
  offsets: SharedArrayBuffer;
  /** Int32 per batch: PENDING | WORKER | DONE | TRAINER | FAILED. */
  state: SharedArrayBuffer;
  /** Random stream of batch k: createRng(seed, labels[k]), the same on either thread. */
  seed: number;
  labels: string[];
  /** A conditional run: the data points' conditions, `condDim` per point at the points' offsets (pairing's PairingConditions). */
  conditions?: { c: SharedArrayBuffer; dim: number; discrete: boolean };
}
