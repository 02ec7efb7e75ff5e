import type { ModelSpec, TrainBatch, VelocityJacobian } from '@flow-visualizer/core';
import { noJacobian } from '../no-jacobian.js';
import type { FlatLayout } from '../flat.js';
import type { AdamUpdate, GradientSource, SourceOptimizer } from '../gradient-source.js';
import { NativeNet } from '../native-net.js';
import { createNativeNet, type AnyNativeNet } from '../native-nets.js';
import { NativeProjResNet } from '../native-proj-resnet.js';
import { inputDimOf } from '../spec.js';
import type { OptimBuffers } from '../optim/step.js';
import { nativeThreads, trainChunks } from '../parallel/threads.js';
import { ThreadTuner } from '../thread-tuner.js';

export interface NativeSourceOptions {
  /** Parts of each batch (the numbers depend on it): FV_THREADS, default 2. */
  parts?: number;
  /** Threads of the C pool (the numbers do not depend on it): FV_THREADS, else every core. */
  threads?: number;
  net?: AnyNativeNet;
  /** Take a step without clipping or weight decay in one C call (default true; false: gradient, then Adam). */
  fuse?: boolean;
}

/**
 * Gradients from the C addon, threads included: each batch is split into `parts` computed over the addon's thread
 * pool and summed in part order, so the same seed gives the same losses for a given part count on any machine.
 * Adam and the moving average run in C too, in float32 as PyTorch (adamStep/emaStep's rule, to float rounding),
 * and the MLP and the resnet (not the residual MLP) declare 'fused': gradient, sum, Adam and average in one C call.
 * Prediction spreads its rows over the pool. How many threads actually run (1, or as many as there are parts /
 * cores) is measured as it goes (ThreadTuner): on a quiet machine all of them, on one whose cores other jobs
 * hold, maybe one; the numbers are the same either way.
 */
export class NativeSource implements GradientSource {
  readonly layout: FlatLayout;
  readonly optimizer: SourceOptimizer;
  readonly parts: number;
  readonly threads: number;
  private readonly net: AnyNativeNet;
  private readonly trainTuner: ThreadTuner;
  private readonly predictTuner: ThreadTuner;

  constructor(spec: ModelSpec, opts: NativeSourceOptions = {}) {
    this.parts = opts.parts ?? trainChunks('native');
    this.threads = opts.threads ?? nativeThreads();
    this.net = opts.net ?? createNativeNet(spec);
    this.layout = this.net.layout;
    // The MLP and the resnet take the one-call step; the residual MLP keeps gradient, then Adam (its losses so far).
    this.optimizer = opts.fuse !== false && (this.net instanceof NativeNet || this.net instanceof NativeProjResNet) ? 'fused' : 'adam';
    this.trainTuner = new ThreadTuner([1, Math.min(this.threads, this.parts)]);
    // Sampling calls come ~100 to a run: measure with fewer, more often.
    this.predictTuner = new ThreadTuner([1, this.threads], 3, 60);
  }

  /** Thread counts in use now for training and for large predictions. */
  get threadsChosen(): { train: number; predict: number } {
    return { train: this.trainTuner.chosen, predict: this.predictTuner.chosen };
  }

  async lossAndGrad(params: Float32Array, b: TrainBatch, scale: number, grad: Float32Array): Promise<number> {
    return this.timed(b.t.length, () => this.net.lossAndGrad(params, b.x, b.t, b.target, scale, grad, this.parts));
  }

  adam(b: OptimBuffers, u: AdamUpdate): void {
    this.net.addon.adam(b.params, b.m, b.v, b.grad, u.k, u.ema, u.emaC);
  }

  async fusedStep(b: OptimBuffers, batch: TrainBatch, scale: number, u: AdamUpdate): Promise<number> {
    const net = this.net as NativeNet | NativeProjResNet; // 'fused' is declared for these only
    return this.timed(batch.t.length, () => net.trainStep(b.params, batch.x, batch.t, batch.target, scale, b.grad, this.parts, b.m, b.v, u.k, u.ema, u.emaC));
  }

  async forward(weights: Float32Array, x: Float32Array, t: Float32Array | number): Promise<Float32Array> {
    const n = x.length / inputDimOf(this.net.spec);
    // Small predictions (a grid of arrows) are quick either way and would blur the measurement.
    if (n < 4096) {
      this.net.addon.setThreads(this.threads);
      return this.net.forward(weights, x, t);
    }
    this.net.addon.setThreads(this.predictTuner.next());
    const t0 = performance.now();
    const out = this.net.forward(weights, x, t);
    this.predictTuner.record((performance.now() - t0) / n);
    return out;
  }

  async jacobian(weights: Float32Array, x: Float32Array, t: number, dx?: Float32Array): Promise<VelocityJacobian> {
    const net = this.net as Partial<NativeNet>;
    if (!net.jacobian) throw noJacobian('native');
    this.net.addon.setThreads(this.threads);
    return net.jacobian.call(this.net, weights, x, t, dx);
  }

  numTensors(): number {
    return 0;
  }

  dispose(): void {
    this.net.dispose();
  }

  /** A training call on the thread count the tuner asks for, timed for it. */
  private timed(rows: number, call: () => number): number {
    // The pool is process-wide: set it on every call, in case another model changed it.
    this.net.addon.setThreads(this.trainTuner.next());
    const t0 = performance.now();
    const sse = call();
    this.trainTuner.record((performance.now() - t0) / rows);
    return sse;
  }
}
