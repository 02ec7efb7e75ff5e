import type { ModelSpec, TrainBatch, VelocityJacobian } from '@flow-visualizer/core';
import type { FlatLayout } from '../model/flat.js';
import type { AdamUpdate, GradientSource } from '../model/gradient-source.js';
import type { OptimBuffers } from '../model/optim/step.js';
import { ThreadTuner } from '../model/thread-tuner.js';
import { WasmNet, type WasmThreads } from './wasm-net.js';
import { inputDimOf } from '../model/spec.js';

/**
 * The parts each batch is split into, summed in part order: the CLI's default (FV_THREADS unset: 2 parts, see
 * parallel/threads.ts), so that the page and `fv train` with the same seed give the same numbers.
 */
export const CLI_PARTS = 2;

/**
 * Gradients, Adam and the moving average from the C kernels compiled to WebAssembly (WasmNet), in this thread:
 * NativeSource's arithmetic (its MLP and training step) with the batch in CLI_PARTS parts. Declares 'fused': a
 * step without clipping or weight decay is one call into the module.
 */
export class WasmSource implements GradientSource {
  readonly optimizer = 'fused';
  readonly layout: FlatLayout;

  private readonly trainTuner: ThreadTuner;
  private readonly predictTuner: ThreadTuner;

  private constructor(private readonly spec: ModelSpec, private readonly net: WasmNet, readonly parts: number) {
    this.layout = net.layout;
    // As NativeSource: 1 thread or all (training: as many as parts), whichever runs faster here, measured as it goes.
    this.trainTuner = new ThreadTuner([1, Math.min(net.threads, parts)]);
    this.predictTuner = new ThreadTuner([1, net.threads], 3, 60);
  }

  /** threads: the pool (threads > 1 needs a spawner; the numbers do not depend on it). */
  static async create(spec: ModelSpec, parts = CLI_PARTS, threads?: WasmThreads): Promise<WasmSource> {
    return new WasmSource(spec, await WasmNet.create(spec, threads), parts);
  }

  /** Threads in the pool, and those in use now for training and large predictions. */
  get threadsChosen(): { pool: number; train: number; predict: number } {
    return { pool: this.net.threads, train: this.trainTuner.chosen, predict: this.predictTuner.chosen };
  }

  private timed<T>(tuner: ThreadTuner, rows: number, call: () => T): T {
    this.net.setThreads(tuner.next());
    const t0 = performance.now();
    const out = call();
    tuner.record((performance.now() - t0) / rows);
    return out;
  }

  async lossAndGrad(params: Float32Array, b: TrainBatch, scale: number, grad: Float32Array): Promise<number> {
    return this.timed(this.trainTuner, b.t.length, () => this.net.lossAndGrad(params, b.x, b.t, b.target, scale, grad, this.parts));
  }

  adam(b: OptimBuffers, u: AdamUpdate): void {
    this.net.adam(b.params, b.m, b.v, b.grad, u.k, u.ema, u.emaC);
  }

  async fusedStep(b: OptimBuffers, batch: TrainBatch, scale: number, u: AdamUpdate): Promise<number> {
    return this.timed(this.trainTuner, batch.t.length, () => this.net.trainStep(b.params, b.m, b.v, u.ema, u.emaC, u.k, batch.x, batch.t, batch.target, scale, this.parts));
  }

  async forward(weights: Float32Array, x: Float32Array, t: Float32Array | number): Promise<Float32Array> {
    const n = x.length / inputDimOf(this.spec);
    // Small predictions (a grid of arrows) are quick either way and would blur the measurement.
    if (n < 4096) {
      this.net.setThreads(this.net.threads);
      return this.net.forward(weights, x, t);
    }
    return this.timed(this.predictTuner, n, () => this.net.forward(weights, x, t));
  }

  /** v and ∂v/∂x (likelihood): native/fv_jacobian.c in the module, over the pool. */
  async jacobian(weights: Float32Array, x: Float32Array, t: number, dx?: Float32Array): Promise<VelocityJacobian> {
    this.net.setThreads(this.net.threads);
    return this.net.jacobian(weights, x, t, dx);
  }

  numTensors(): number {
    return 0;
  }

  dispose(): void {
    this.net.dispose();
  }
}
