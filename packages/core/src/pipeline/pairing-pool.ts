import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { PairingWorkerSpec } from '../ports/probability-path.js';
import { FvError, type FvErrorCode } from '../errors.js';
import { builtModule } from './built-module.js';
import type { PairReply, PairRequest } from './pairing-protocol.js';

interface Pending {
  resolve(out: Float32Array): void;
  reject(e: Error): void;
}

/** One worker thread answering pair requests in the order they were sent. */
class PairWorker {
  private readonly pending = new Map<number, Pending>();
  private failed?: Error;

  constructor(private readonly worker: Worker) {
    worker.on('message', (m: PairReply) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (!p) return;
      if (m.out) p.resolve(m.out);
      else {
        const e = m.error ?? { message: 'no answer' };
        p.reject(new FvError((e.code as FvErrorCode | undefined) ?? 'INTERNAL', e.message, { hint: e.hint }));
      }
    });
    worker.on('error', (e) => this.fail(new FvError('INTERNAL', `The pairing worker failed: ${e.message}`, { cause: e })));
    worker.on('exit', (code) => this.fail(new FvError('INTERNAL', `The pairing worker exited (code ${code}).`)));
    // An idle worker must not keep the process alive; it is ref'ed while an answer is awaited.
    worker.unref();
  }

  request(req: PairRequest): Promise<Float32Array> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise<Float32Array>((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage(req);
    });
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const p of this.pending.values()) p.reject(this.failed);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.failed ??= new FvError('INTERNAL', 'The pairing worker was closed.');
    this.pending.clear();
    await this.worker.terminate();
  }
}

/**
 * Pairs batches on worker threads, so that an expensive pairing (an exact OT assignment of 256 points costs about
 * one native training step) runs beside training instead of before each step. Requests go round-robin; each
 * answer is what `pairing.pair` would return on the training thread, since the pairing is rebuilt from the
 * same module and options and given the same random stream.
 */
export class PairingPool {
  private nextId = 0;

  private constructor(private readonly workers: PairWorker[]) {}

  /** Undefined when the pairing cannot run in a worker (no spec, or no built module to load). */
  static start(spec: PairingWorkerSpec | undefined, count: number): PairingPool | undefined {
    if (!spec || count < 1) return undefined;
    const module = builtModule(spec.module);
    const script = builtModule(new URL('./pairing-worker.js', import.meta.url).href);
    if (!module || !script) return undefined;
    const workers: PairWorker[] = [];
    for (let i = 0; i < count; i++) workers.push(new PairWorker(new Worker(new URL(script), { workerData: { ...spec, module } })));
    return new PairingPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  pair(x0: Float32Array, x1: Float32Array, seed: number, label: string): Promise<Float32Array> {
    const id = this.nextId++;
    const p = this.workers[id % this.workers.length].request({ id, x0, x1, seed, label });
    // Batches queued ahead may never be awaited (an interrupted run): their failure must not be "unhandled".
    p.catch(() => undefined);
    return p;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}

/**
 * Worker threads for pairing. 'auto': one per core beyond the training thread, at most 2 (the native backend
 * trains on one thread; past two workers the assignment is no longer what training waits for).
 */
export function pairingWorkerCount(setting: number | 'auto'): number {
  if (setting !== 'auto') return setting;
  return Math.max(0, Math.min(2, availableParallelism() - 1));
}
