import type { PairingConditions, PairingWorkerSpec } from '../../ports/probability-path.js';
import { DONE, FAILED, PENDING, TRAINER, WORKER, type EpochJob } from './pairing-protocol.js';

/** How long the training thread waits for a batch a worker has started before pairing it itself. */
const PATIENCE_MS = 10_000;

/** A thread running the pairing worker (pairing-worker.ts): what the pool needs of it. */
export interface PairingThread {
  postMessage(job: EpochJob): void;
  terminate(): Promise<unknown>;
}

/**
 * How this platform starts pairing threads. This file stays free of Node so that training runs in a browser;
 * `@flow-visualizer/core/node` installs Node's worker threads on import (a Web Worker host can do the same in a
 * page). Without a host, training pairs every batch on its own thread: the same answers, only slower.
 */
export interface PairingThreadHost {
  /** Cores this process may use, the training thread's included. */
  cores(): number;
  /** Starts one thread that builds the pairing the spec names; undefined when the spec cannot run in a thread here. */
  start(spec: PairingWorkerSpec): PairingThread | undefined;
}

let host: PairingThreadHost | undefined;

/** Installs (or, with undefined, removes) the platform's pairing threads. */
export function setPairingThreadHost(h: PairingThreadHost | undefined): void {
  host = h;
}

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
  private constructor(private readonly workers: PairingThread[]) {}

  /**
   * Undefined when the pairing cannot run in a worker (no spec, no thread host on this platform, no built module
   * to load, or no workers).
   */
  static start(spec: PairingWorkerSpec | undefined, count: number): PairingPool | undefined {
    if (!spec || count < 1 || !host) return undefined;
    const workers: PairingThread[] = [];
    for (let i = 0; i < count; i++) {
      const w = host.start(spec);
      if (!w) break;
      workers.push(w);
    }
    return workers.length ? new PairingPool(workers) : undefined;
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Hands the workers an epoch's batches (x0: noise, x1: data, and a conditional run's conditions of the data
   * points, which travel with them); `take` then collects each batch's answer.
   */
  submit(batches: readonly { x0: Float32Array; x1: Float32Array; conditions?: PairingConditions }[], seed: number, labels: string[]): SharedEpoch {
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
    const first = batches[0]?.conditions;
    if (first) {
      const c = new Float32Array(new SharedArrayBuffer(4 * first.dim * offsets[batches.length]));
      batches.forEach((b, k) => c.set(b.conditions!.c, first.dim * offsets[k]));
      job.conditions = { c: c.buffer as SharedArrayBuffer, dim: first.dim, discrete: first.discrete };
    }
    for (const w of this.workers) w.postMessage(job);
    return new SharedEpoch(job);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Worker threads for pairing. 'auto': one per core beyond the training thread, at most 2 (past two workers the
 * assignment is no longer what training waits for); none where the platform has no thread host. The native backend may train on 2 threads; with pairing on
 * a 2-core machine its thread tuner then measures whether the second one still pays.
 */
export function pairingWorkerCount(setting: number | 'auto'): number {
  if (setting !== 'auto') return setting;
  return host ? Math.max(0, Math.min(2, host.cores() - 1)) : 0;
}
