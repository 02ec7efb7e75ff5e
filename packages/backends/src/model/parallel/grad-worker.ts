import { Worker } from 'node:worker_threads';
import type { ModelSpec } from '@flow-visualizer/core';
import type { NetKind } from '../net.js';
import type { FromWorker, ToWorker } from './protocol.js';

interface Pending {
  resolve: (m: FromWorker) => void;
  reject: (e: Error) => void;
}

/** One worker thread with its own tfjs (or C addon), answering requests in order; its partial gradient lands in shared memory. */
export class GradWorker {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failed?: Error;

  private constructor(private readonly worker: Worker, readonly grad: Float32Array) {
    worker.on('message', (m: FromWorker) => {
      if (m.kind === 'ready') return;
      const p = m.id === undefined ? undefined : this.pending.get(m.id);
      if (m.id !== undefined) this.pending.delete(m.id);
      if (m.kind === 'error') {
        const e = new Error(`Training worker failed: ${m.message}`);
        if (p) p.reject(e);
        else this.fail(e);
      } else p?.resolve(m);
      if (this.pending.size === 0) worker.unref();
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`Training worker exited (code ${code}).`)));
    worker.unref(); // an idle worker must not keep the process alive
  }

  static async start(script: string, spec: ModelSpec, net: NetKind, params: SharedArrayBuffer, total: number): Promise<GradWorker> {
    const gradBuf = new SharedArrayBuffer(total * 4);
    const worker = new Worker(script);
    const w = new GradWorker(worker, new Float32Array(gradBuf));
    await new Promise<void>((resolve, reject) => {
      const onMsg = (m: FromWorker) => {
        if (m.kind === 'ready') resolve();
        else if (m.kind === 'error') reject(new Error(m.message));
      };
      worker.on('message', onMsg);
      worker.once('error', reject);
      worker.ref();
      worker.postMessage({ kind: 'init', spec, net, params, grad: gradBuf } satisfies ToWorker);
    })
      .catch((e) => {
        void worker.terminate();
        throw e;
      })
      .finally(() => worker.unref());
    return w;
  }

  request(m: ToWorker & { id: number }): Promise<FromWorker> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending.set(m.id, { resolve, reject });
      this.worker.ref(); // keep the process alive while waiting for the answer
      this.worker.postMessage(m);
    });
  }

  id(): number {
    return this.nextId++;
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  terminate(): void {
    this.failed ??= new Error('disposed');
    this.worker.removeAllListeners('exit');
    void this.worker.terminate();
  }
}
