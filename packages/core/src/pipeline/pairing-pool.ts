import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { PairingWorkerSpec } from '../ports/probability-path.js';
import { builtModule } from './built-module.js';
import { DONE, FAILED, PENDING, TRAINER, WORKER, type EpochJob } from './pairing-protocol.js';

/** How long the training thread waits for a batch a worker has started before pairing it itself. */
const PATIENCE_MS = 10_000;

/** One epoch's batches, paired by the workers and the training thread together. */
export class SharedEpoch {
  private readonly state: Int32Array;
  private readonly offsets: Int32Array;
  private readonly out: Float32Array;

  constructor(job: EpochJob) {
    this.state = new Int32Array(job.state);
    this.offsets = new Int32Array(job.offsets);
    this.out = new Float32Array(job.out);
  }

  /**
   * The paired noise of batch k: a worker's answer when it has one; if no worker has started the batch, the
   * training thread pairs it now with `pairHere` (so it never waits behind a busy or slow worker); if a worker is
   * on it, waits for that answer. Either way the numbers are the same: the pairing is a function of its inputs.
   */
  take(k: number, pairHere: () => Float32Array): Float32Array {
    if (Atomics.compareExchange(this.state, k, PENDING, TRAINER) === PENDING) return pairHere();
    // Blocking here is the point: the answer is due within one pairing's time, and the training thread has
    // nothing else to do until it comes (worker messages are not needed: the answer is in shared memory).
    if (Atomics.load(this.state, k) === WORKER) Atomics.wait(this.state, k, WORKER, PATIENCE_MS);
    if (Atomics.load(this.state, k) !== DONE) return pairHere(); // FAILED: raise the error here; or a stuck worker
    return this.out.slice(2 * this.offsets[k], 2 * this.offsets[k + 1]);
  }

  /** Batches by state: answered by a worker, failed there, taken by the training thread, not started. */
  counts(): { workers: number; failed: number; trainer: number; pending: number } {
    const c = { workers: 0, failed: 0, trainer: 0, pending: 0 };
    for (let k = 0; k < this.state.length; k++) {
      const s = Atomics.load(this.state, k);
      if (s === DONE) c.workers++;
      else if (s === FAILED) c.failed++;
      else if (s === TRAINER) c.trainer++;
      else c.pending++; // PENDING, or WORKER (started)
    }
    return c;
  }
}

/**
 * Pairs training batches on worker threads beside training: an exact OT assignment of 256 points costs about as
 * much as a native training step, so pairing the next batches while the model trains on this one hides most of
 * it. Work is shared through memory: each batch is claimed by whichever thread gets to it first (workers walk
 * the epoch in order, ahead of training), so a worker slowed by a busy machine only takes fewer batches; training
 * waits only for a batch a worker has already started. The pairing is rebuilt in each worker from its
 * module and options (Pairing.worker) and given the same random stream, so every batch gets the same answer
 * whichever thread pairs it.
 */
export class PairingPool {
  private constructor(private readonly workers: Worker[]) {}

  /** Undefined when the pairing cannot run in a worker (no spec, no built module to load, or no workers). */
  static start(spec: PairingWorkerSpec | undefined, count: number): PairingPool | undefined {
    if (!spec || count < 1) return undefined;
    const module = builtModule(spec.module);
    const script = builtModule(new URL('./pairing-worker.js', import.meta.url).href);
    if (!module || !script) return undefined;
    const workers: Worker[] = [];
    for (let i = 0; i < count; i++) {
      const w = new Worker(new URL(script), { workerData: { ...spec, module } });
      // A worker that dies only costs speed (its batches get paired by the training thread); it must not keep the
      // process alive either.
      w.on('error', () => undefined);
      w.unref();
      workers.push(w);
    }
    return new PairingPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Hands the workers an epoch's batches (x0: noise, x1: data); `take` then collects each batch's answer. */
  submit(batches: readonly { x0: Float32Array; x1: Float32Array }[], seed: number, labels: string[]): SharedEpoch {
    const offsets = new Int32Array(new SharedArrayBuffer(4 * (batches.length + 1)));
    for (let k = 0; k < batches.length; k++) offsets[k + 1] = offsets[k] + (batches[k].x0.length >> 1);
    const total = 2 * offsets[batches.length];
    const job: EpochJob = {
      x0: new SharedArrayBuffer(4 * total),
      x1: new SharedArrayBuffer(4 * total),
      out: new SharedArrayBuffer(4 * total),
      offsets: offsets.buffer as SharedArrayBuffer,
      state: new SharedArrayBuffer(4 * batches.length),
      seed,
      labels,
    };
    const x0 = new Float32Array(job.x0), x1 = new Float32Array(job.x1);
    batches.forEach((b, k) => {
      x0.set(b.x0, 2 * offsets[k]);
      x1.set(b.x1, 2 * offsets[k]);
    });
    for (const w of this.workers) w.postMessage(job);
    return new SharedEpoch(job);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Worker threads for pairing. 'auto': one per core beyond the training thread, at most 2 (past two workers the
 * assignment is no longer what training waits for). The native backend may train on 2 threads; with pairing on
 * a 2-core machine its thread tuner then measures whether the second one still pays.
 */
export function pairingWorkerCount(setting: number | 'auto'): number {
  if (setting !== 'auto') return setting;
  return Math.max(0, Math.min(2, availableParallelism() - 1));
}
