import type { ModelSpec, TrainBatch, VelocityJacobian } from '@flow-visualizer/core';
import { noJacobian } from '../no-jacobian.js';
import { tf, useTfBackend } from '../../backends/tfjs-runtime.js';
import { flatLayout, type FlatLayout } from '../flat.js';
import type { GradientSource } from '../gradient-source.js';
import { createNativeNet } from '../native-nets.js';
import { inputDimOf } from '../spec.js';
import type { MlpNet, NetKind } from '../net.js';
import { createTfjsNet } from '../nets.js';
import { GradWorker } from '../parallel/grad-worker.js';
import { trainChunks, usableThreads, workerScript } from '../parallel/threads.js';

/** Below this many points a prediction is not worth splitting across threads. */
const MIN_SPLIT_PREDICT = 1024;

/** Rows [start, end) of chunk k of n rows split in `parts`. */
function chunkRange(n: number, parts: number, k: number): [number, number] {
  return [Math.floor((k * n) / parts), Math.floor(((k + 1) * n) / parts)];
}

/**
 * Data-parallel gradients on tfjs-wasm (or -cpu, or the C addon) over worker threads (Node only): these are
 * single-threaded, so each batch is split into `chunks` parts; this thread computes the first and each worker
 * (its own tfjs) one other, all reading the parameters from shared memory (`paramsBuffer`, where the engine keeps
 * them); the partial gradients are summed in a fixed order. Parts without a worker (one core, or no built worker
 * script) run in this thread, so the numbers are the same however many threads there are.
 */
export class WorkerPoolSource implements GradientSource {
  readonly optimizer = 'none';
  readonly layout: FlatLayout;
  private rawBackup?: Float32Array;
  private disposed = false;

  private constructor(
    private readonly spec: ModelSpec,
    private readonly net: MlpNet,
    private readonly kind: NetKind,
    private readonly workers: GradWorker[],
    private readonly chunks: number,
    readonly paramsBuffer: Float32Array,
  ) {
    this.layout = flatLayout(spec);
  }

  /**
   * Workers: one per extra chunk, as far as cores allow (or `maxWorkers`); none when the worker script is not
   * built. Prediction is split over the same workers.
   */
  static async create(spec: ModelSpec, kind: NetKind, opts: { chunks?: number; maxWorkers?: number } = {}): Promise<WorkerPoolSource> {
    const net: MlpNet = kind === 'native' ? createNativeNet(spec) : await createTfjsNet(spec, kind);
    const chunks = opts.chunks ?? trainChunks(kind);
    const layout = flatLayout(spec);
    const paramsBuf = new SharedArrayBuffer(layout.total * 4);
    const script = workerScript();
    const nWorkers = script ? Math.max(0, Math.min(chunks, usableThreads(), (opts.maxWorkers ?? Infinity) + 1) - 1) : 0;
    // A worker that cannot start (e.g. a stale build) only costs speed: its chunks then run in this thread.
    const started = await Promise.allSettled(Array.from({ length: nWorkers }, () => GradWorker.start(script!, spec, kind, paramsBuf, layout.total)));
    const workers = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    return new WorkerPoolSource(spec, net, kind, workers, chunks, new Float32Array(paramsBuf));
  }

  /** Threads computing each batch (this one included). */
  get threads(): number {
    return this.workers.length + 1;
  }

  async lossAndGrad(params: Float32Array, b: TrainBatch, scale: number, grad: Float32Array): Promise<number> {
    if (this.kind !== 'native') await useTfBackend(this.kind);
    // The workers read the shared buffer: the engine keeps its parameters there, so this copies nothing.
    if (params !== this.paramsBuffer) this.paramsBuffer.set(params);
    const n = b.t.length, d = this.spec.dataDim, din = inputDimOf(this.spec);
    const slice = (k: number) => {
      const [a, e] = chunkRange(n, this.chunks, k);
      return { x: b.x.subarray(a * din, e * din), t: b.t.subarray(a, e), target: b.target.subarray(a * d, e * d), rows: e - a };
    };
    // Hand chunks 1..W to the workers first, so they run while this thread does chunk 0 and the rest.
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
      const g = k === 0 ? grad : new Float32Array(this.layout.total);
      sse[k] = this.net.lossAndGrad(this.paramsBuffer, c.x, c.t, c.target, scale, g);
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
    if (!grads[0]) grad.fill(0);
    for (let k = 1; k < this.chunks; k++) {
      const part = grads[k];
      if (!part) continue;
      for (let i = 0; i < grad.length; i++) grad[i] += part[i];
    }
    return sse.reduce((s, v) => s + v, 0);
  }

  async forward(weights: Float32Array, x: Float32Array, t: Float32Array | number): Promise<Float32Array> {
    if (this.kind !== 'native') await useTfBackend(this.kind);
    const n = x.length / inputDimOf(this.spec);
    if (this.workers.length === 0 || n < MIN_SPLIT_PREDICT) return this.net.forward(weights, x, t);
    if (weights === this.paramsBuffer) return this.predictSplit(x, t);
    // The workers read the weights from the shared buffer: these (the moving average) go there for the
    // prediction, and the parameters back afterwards (training and prediction never overlap: both are awaited).
    this.rawBackup ??= new Float32Array(this.layout.total);
    this.rawBackup.set(this.paramsBuffer);
    this.paramsBuffer.set(weights);
    try {
      return await this.predictSplit(x, t);
    } finally {
      this.paramsBuffer.set(this.rawBackup);
    }
  }

  private async predictSplit(x: Float32Array, t: Float32Array | number): Promise<Float32Array> {
    const d = this.spec.dataDim, din = inputDimOf(this.spec), n = x.length / din;
    const tPart = (a: number, b: number) => (typeof t === 'number' ? t : t.slice(a, b));
    const parts = this.workers.length + 1;
    const remote = this.workers.map((w, i) => {
      const [a, b] = chunkRange(n, parts, i + 1);
      return w.request({ kind: 'predict', id: w.id(), x: x.slice(a * din, b * din), t: tPart(a, b) });
    });
    const [a0, b0] = chunkRange(n, parts, 0);
    const out = new Float32Array(n * d);
    out.set(this.net.forward(this.paramsBuffer, x.subarray(a0 * din, b0 * din), typeof t === 'number' ? t : t.subarray(a0, b0)), 0);
    const answers = await Promise.all(remote);
    answers.forEach((a, i) => {
      if (a.kind === 'predict') out.set(a.out, chunkRange(n, parts, i + 1)[0] * d);
    });
    return out;
  }

  /** On this thread's net (likelihood solves are a few hundred calls, not worth the workers' round trips). */
  async jacobian(weights: Float32Array, x: Float32Array, t: number, dx?: Float32Array): Promise<VelocityJacobian> {
    if (this.kind !== 'native') await useTfBackend(this.kind);
    if (!this.net.jacobian) throw noJacobian(this.kind);
    return this.net.jacobian(weights, x, t, dx);
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
}
