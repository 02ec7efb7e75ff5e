import type { ModelSpec, TrainBatch, VelocityJacobian } from '@flow-visualizer/core';
import { noJacobian } from './no-jacobian.js';
import { adamConstants } from './adam.js';
import { emaDecayAt, emaStep, initialEma } from './ema.js';
import { flatten, type FlatLayout } from './flat.js';
import type { AdamUpdate, GradientSource } from './gradient-source.js';
import { decayRanges } from './optim/decay-ranges.js';
import { needsWholeGradient, optimizerStep, prepareStep, type OptimBuffers } from './optim/step.js';
import { stateOf, type MlpState } from './state.js';

/**
 * The MLP's training engine, the one every backend uses: it owns the training state (flat parameters, Adam
 * moments, moving average, step count) and the optimiser step (optim/step.ts: clipping, schedule, weight decay,
 * then Adam and the average), over a GradientSource that computes gradients and predictions: a tfjs net in this
 * thread, worker threads, or the C addon. A source that declares it runs Adam itself gets the constants of this
 * step instead (the addon does it in float32, as PyTorch); one that declares 'fused' takes a whole step in one
 * call when nothing needs the whole gradient first. Imports nothing of Node: the browser backend uses it too.
 */
export class MlpEngine<S extends GradientSource = GradientSource> {
  readonly layout: FlatLayout;
  private readonly b: OptimBuffers;
  /** Moving average of params (spec.emaDecay > 0): what predict uses. */
  private readonly ema?: Float32Array;
  private readonly decay: [number, number][];
  private readonly update: AdamUpdate;
  private step: number;
  private disposed = false;

  constructor(readonly spec: ModelSpec, state: MlpState, readonly source: S) {
    const layout = (this.layout = source.layout);
    if (source.optimizer !== 'none' && !source.adam) throw new Error(`A gradient source declared optimizer '${source.optimizer}' without adam().`);
    if (source.optimizer === 'fused' && !source.fusedStep) throw new Error("A gradient source declared optimizer 'fused' without fusedStep().");
    const params = source.paramsBuffer ?? new Float32Array(layout.total);
    params.set(flatten(layout, state.params));
    this.b = { params, m: flatten(layout, state.m), v: flatten(layout, state.v), grad: new Float32Array(layout.total) };
    this.ema = initialEma(spec, layout, state, params);
    this.decay = decayRanges(layout);
    this.update = { k: new Float64Array(7), ema: this.ema ?? null, emaC: 0 };
    this.step = state.step;
  }

  async trainStep(x: Float32Array, t: Float32Array, target: Float32Array): Promise<number> {
    this.assertLive();
    const batch: TrainBatch = { x, t, target };
    const denom = t.length * this.spec.dataDim;
    const step = this.step + 1;
    const { b, source: src } = this;
    let sse: number;
    if (src.optimizer === 'fused' && !needsWholeGradient(this.spec)) {
      // Without clipping and weight decay, prepareStep only gives the rate: the source does the rest in one call.
      sse = await src.fusedStep!(b, batch, 2 / denom, this.adamUpdate(step, prepareStep(b, step, this.spec, this.decay)));
    } else {
      sse = await src.lossAndGrad(b.params, batch, 2 / denom, b.grad);
      if (src.optimizer === 'none') {
        optimizerStep(b, step, this.spec, this.decay);
        if (this.ema) emaStep(this.ema, b.params, this.spec.emaDecay!, step);
      } else {
        // Clipping, the schedule and weight decay here; Adam and the average in the source, at the rate they give.
        src.adam!(b, this.adamUpdate(step, prepareStep(b, step, this.spec, this.decay)));
      }
    }
    // Counted once the step is taken: a source that throws (out of memory) has changed nothing.
    this.step = step;
    return sse / denom;
  }

  async predict(x: Float32Array, t: Float32Array | number): Promise<Float32Array> {
    this.assertLive();
    return this.source.forward(this.ema ?? this.b.params, x, t);
  }

  /** v and ∂v/∂x with the weights predict uses (the moving average, when kept). */
  async jacobian(x: Float32Array, t: number, dx?: Float32Array): Promise<VelocityJacobian> {
    this.assertLive();
    if (!this.source.jacobian) throw noJacobian('this backend');
    return this.source.jacobian(this.ema ?? this.b.params, x, t, dx);
  }

  async readState(): Promise<MlpState> {
    this.assertLive();
    return stateOf(this.layout, { params: this.b.params, m: this.b.m, v: this.b.v, ema: this.ema }, this.step);
  }

  numTensors(): number {
    return this.source.numTensors();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.source.dispose();
  }

  private adamUpdate(step: number, lr: number): AdamUpdate {
    adamConstants(step, lr, this.update.k);
    this.update.emaC = this.ema ? 1 - emaDecayAt(this.spec.emaDecay!, step) : 0;
    return this.update;
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('This model has been disposed.');
  }
}
