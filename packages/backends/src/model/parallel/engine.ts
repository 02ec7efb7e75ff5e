import { Worker } from 'node:worker_threads';
import type { ModelSpec } from '@flow-visualizer/core';
import { tf, useTfBackend } from '../../backends/tfjs-runtime.js';
import { emaStep, initialEma } from '../ema.js';
import type { MlpEngine } from '../engine.js';
import { flatLayout, flatten, type FlatLayout } from '../flat.js';
import { decayRanges } from '../optim/decay-ranges.js';
import { optimizerStep } from '../optim/step.js';
import { stateOf, type MlpState } from '../state.js';
import { createTfjsNet } from '../nets.js';
import { createNativeNet } from '../native-nets.js';
import type { MlpNet, NetKind } from '../net.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { trainChunks, usableThreads, workerScript } from './threads.js';

/** Below this many points a prediction is not worth splitting across threads. */
const MIN_SPLIT_PREDICT = 1024;

interface Pending {
  resolve: (m: FromWorker) => void;
  reject: (e: Error) => void;
}

/** One worker thread with its own tfjs, answering requests in order. */
class GradWorker {
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

/** Rows [start, end) of chunk k of n rows split in `parts`. */
function chunkRange(n: number, parts: number, k: number): [number, number] {
  return [Math.floor((k * n) / parts), Math.floor(((k + 1) * n) / parts)];
}

/**
 * Data-parallel training on tfjs-wasm (or -cpu, or the C addon) over worker threads: these are single-threaded, so
 * each batch is split into `chunks` parts; the main thread computes the first and each worker (its own tfjs)
 * one other, all reading the parameters from shared memory; the partial gradients are summed in a fixed order
 * and Adam runs once, in the main thread. Parts without a worker (one core, or no built worker script) run in
 * the main thread, so the numbers are the same however many threads there are.
 */
export class ParallelEngine implements MlpEngine {
  private readonly layout: FlatLayout;
  private readonly params: Float32Array;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly grad: Float32Array;
  private readonly partGrad: Float32Array;
  private readonly decay: [number, number][];
  /** Moving average of params (spec.emaDecay > 0): what predict uses. */
  private readonly ema?: Float32Array;
  private rawBackup?: Float32Array;
  private step: number;
  private disposed = false;

  private constructor(
    readonly spec: ModelSpec,
    private readonly net: MlpNet,
    private readonly kind: NetKind,
    private readonly workers: GradWorker[],
    private readonly chunks: number,
    paramsBuf: SharedArrayBuffer,
    state: MlpState,
  ) {
    this.layout = flatLayout(spec);
    this.params = new Float32Array(paramsBuf);
    this.params.set(flatten(this.layout, state.params));
    this.m = flatten(this.layout, state.m);
    this.v = flatten(this.layout, state.v);
    this.grad = new Float32Array(this.layout.total);
    this.partGrad = new Float32Array(this.layout.total);
    this.decay = decayRanges(this.layout);
    this.ema = initialEma(spec, this.layout, state, this.params);
    this.step = state.step;
  }

  /**
   * Workers: one per extra chunk, as far as cores allow (or `maxWorkers`); none when the worker script is not
   * built. Prediction is split over the same workers.
   */
  static async create(
    spec: ModelSpec,
    kind: NetKind,
    state: MlpState,
    opts: { chunks?: number; maxWorkers?: number } = {},
  ): Promise<ParallelEngine> {
    const net: MlpNet = kind === 'native' ? createNativeNet(spec) : await createTfjsNet(spec, kind);
    const chunks = opts.chunks ?? trainChunks(kind);
    const layout = flatLayout(spec);
    const paramsBuf = new SharedArrayBuffer(layout.total * 4);
    const script = workerScript();
    const nWorkers = script ? Math.max(0, Math.min(chunks, usableThreads(), (opts.maxWorkers ?? Infinity) + 1) - 1) : 0;
    // A worker that cannot start (e.g. a stale build) only costs speed: its chunks then run in this thread.
    const started = await Promise.allSettled(Array.from({ length: nWorkers }, () => GradWorker.start(script!, spec, kind, paramsBuf, layout.total)));
    const workers = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    return new ParallelEngine(spec, net, kind, workers, chunks, paramsBuf, state);
  }

  /** Threads computing each batch (the main thread included). */
  get threads(): number {
    return this.workers.length + 1;
  }

  async trainStep(x: Float32Array, t: Float32Array, target: Float32Array): Promise<number> {
    this.assertLive();
    if (this.kind !== 'native') await useTfBackend(this.kind);
    const n = t.length, d = this.spec.dataDim;
    const scale = 2 / (n * d);
    const slice = (k: number) => {
      const [a, b] = chunkRange(n, this.chunks, k);
      return { x: x.subarray(a * d, b * d), t: t.subarray(a, b), target: target.subarray(a * d, b * d), rows: b - a };
    };
    // Hand chunks 1..W to the workers first, so they run while the main thread does chunk 0 and the rest.
    const remote = this.workers.map((w, i) => {
      const c = slice(i + 1);
      return c.rows === 0 ? undefined : w.request({ kind: 'grad', id: w.id(), x: c.x.slice(), t: c.t.slice(), target: c.target.slice(), scale });
    });
    const sse: number[] = new Array(this.chunks).fill(0);
    const local = [0, ...Array.from({ length: this.chunks - 1 - this.workers.length }, (_, i) => this.workers.length + 1 + i)];
    const grads: (Float32Array | undefined)[] = new Array(this.chunks);
    for (const k of local) {
      const c = slice(k);
      if (c.rows === 0) continue;
      // Chunk 0 goes straight into the sum buffer; further local chunks need their own (rare: few cores).
      const g = k === 0 ? this.grad : new Float32Array(this.layout.total);
      sse[k] = this.net.lossAndGrad(this.params, c.x, c.t, c.target, scale, g);
      grads[k] = g;
    }
    const answers = await Promise.all(remote);
    answers.forEach((a, i) => {
      if (a?.kind === 'grad') {
        sse[i + 1] = a.sse;
        grads[i + 1] = this.workers[i].grad;
      }
    });
    // Sum in chunk order (a fixed order: the same numbers whichever thread computed which chunk).
    const g = this.grad;
    if (!grads[0]) g.fill(0);
    for (let k = 1; k < this.chunks; k++) {
      const part = grads[k];
      if (!part) continue;
      for (let i = 0; i < g.length; i++) g[i] += part[i];
    }
    this.step++;
    optimizerStep({ params: this.params, m: this.m, v: this.v, grad: g }, this.step, this.spec, this.decay);
    if (this.ema) emaStep(this.ema, this.params, this.spec.emaDecay!, this.step);
    return sse.reduce((s, v) => s + v, 0) / (n * d);
  }

  async predict(x: Float32Array, t: Float32Array | number): Promise<Float32Array> {
    this.assertLive();
    if (this.kind !== 'native') await useTfBackend(this.kind);
    const n = x.length / this.spec.dataDim;
    if (this.workers.length === 0 || n < MIN_SPLIT_PREDICT) return this.net.forward(this.ema ?? this.params, x, t);
    if (!this.ema) return this.predictSplit(x, t);
    // The workers read the weights from the shared params buffer: the average goes there for the prediction, and
    // the raw weights back afterwards (training and prediction never overlap: both are awaited in turn).
    this.rawBackup ??= new Float32Array(this.layout.total);
    this.rawBackup.set(this.params);
    this.params.set(this.ema);
    try {
      return await this.predictSplit(x, t);
    } finally {
      this.params.set(this.rawBackup);
    }
  }

  private async predictSplit(x: Float32Array, t: Float32Array | number): Promise<Float32Array> {
    const d = this.spec.dataDim, n = x.length / d;
    const tPart = (a: number, b: number) => (typeof t === 'number' ? t : t.slice(a, b));
    const parts = this.workers.length + 1;
    const remote = this.workers.map((w, i) => {
      const [a, b] = chunkRange(n, parts, i + 1);
      return w.request({ kind: 'predict', id: w.id(), x: x.slice(a * d, b * d), t: tPart(a, b) });
    });
    const [a0, b0] = chunkRange(n, parts, 0);
    const out = new Float32Array(n * d);
    out.set(this.net.forward(this.params, x.subarray(a0 * d, b0 * d), typeof t === 'number' ? t : t.subarray(a0, b0)), 0);
    const answers = await Promise.all(remote);
    answers.forEach((a, i) => {
      if (a.kind === 'predict') out.set(a.out, chunkRange(n, parts, i + 1)[0] * d);
    });
    return out;
  }

  async readState(): Promise<MlpState> {
    this.assertLive();
    return stateOf(this.layout, { params: this.params, m: this.m, v: this.v, ema: this.ema }, this.step);
  }

  numTensors(): number {
    return this.kind === 'native' ? 0 : tf.memory().numTensors;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const w of this.workers) w.terminate();
    this.net.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('This model has been disposed.');
  }
}
