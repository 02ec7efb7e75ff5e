import type { ModelSpec, TrainBatch, VelocityJacobian } from '@flow-visualizer/core';
import { registerTfBackend, useTfBackend } from '../backends/tfjs-runtime.js';
import { tfjsMlpJacobian } from '../model/tfjs-jacobian.js';
import type { FlatLayout } from '../model/flat.js';
import type { AdamUpdate, GradientSource } from '../model/gradient-source.js';
import type { OptimBuffers } from '../model/optim/step.js';
import { WasmNet } from './wasm-net.js';

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

  private constructor(private readonly spec: ModelSpec, private readonly net: WasmNet, readonly parts: number) {
    this.layout = net.layout;
  }

  static async create(spec: ModelSpec, parts = CLI_PARTS): Promise<WasmSource> {
    return new WasmSource(spec, await WasmNet.create(spec), parts);
  }

  async lossAndGrad(params: Float32Array, b: TrainBatch, scale: number, grad: Float32Array): Promise<number> {
    return this.net.lossAndGrad(params, b.x, b.t, b.target, scale, grad, this.parts);
  }

  adam(b: OptimBuffers, u: AdamUpdate): void {
    this.net.adam(b.params, b.m, b.v, b.grad, u.k, u.ema, u.emaC);
  }

  async fusedStep(b: OptimBuffers, batch: TrainBatch, scale: number, u: AdamUpdate): Promise<number> {
    return this.net.trainStep(b.params, b.m, b.v, u.ema, u.emaC, u.k, batch.x, batch.t, batch.target, scale, this.parts);
  }

  async forward(weights: Float32Array, x: Float32Array, t: Float32Array | number): Promise<Float32Array> {
    return this.net.forward(weights, x, t);
  }

  /** v and ∂v/∂x (likelihood): not in the kernels yet, so tfjs' plain-JavaScript backend computes it (tfjs-jacobian.ts). */
  async jacobian(weights: Float32Array, x: Float32Array, t: number): Promise<VelocityJacobian> {
    await registerTfBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu'));
    await useTfBackend('cpu');
    return tfjsMlpJacobian(this.spec, this.layout, weights, x, t);
  }

  numTensors(): number {
    return 0;
  }

  dispose(): void {
    this.net.dispose();
  }
}
