import type { ModelSpec } from '@flow-visualizer/core';
import { tf, useTfBackend, type TfBackendName } from '../backends/tfjs-runtime.js';
import { emaStep, initialEma } from './ema.js';
import type { MlpEngine } from './engine.js';
import type { AsyncMlpNet, MlpNet } from './net.js';
import { flatten } from './flat.js';
import { decayRanges } from './optim/decay-ranges.js';
import { optimizerStep } from './optim/step.js';
import { stateOf, type MlpState } from './state.js';
import { createTfjsNet } from './nets.js';

/** A net on one tfjs backend, with its results now or (a GPU's) later. */
type EngineNet = (MlpNet | AsyncMlpNet) & { tfBackend: TfBackendName };

/** The MLP on one tfjs backend in this thread: flat parameters and Adam moments in JS, arithmetic in tfjs. */
export class LocalEngine implements MlpEngine {
  private readonly params: Float32Array;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly grad: Float32Array;
  private readonly decay: [number, number][];
  /** Moving average of params (spec.emaDecay > 0): what predict uses. */
  private readonly ema?: Float32Array;
  private step: number;
  private disposed = false;

  private constructor(readonly spec: ModelSpec, private readonly net: EngineNet, state: MlpState) {
    const layout = net.layout;
    this.params = flatten(layout, state.params);
    this.m = flatten(layout, state.m);
    this.v = flatten(layout, state.v);
    this.grad = new Float32Array(layout.total);
    this.decay = decayRanges(layout);
    this.ema = initialEma(spec, layout, state, this.params);
    this.step = state.step;
  }

  static async create(spec: ModelSpec, tfBackend: TfBackendName, state: MlpState): Promise<LocalEngine> {
    return new LocalEngine(spec, await createTfjsNet(spec, tfBackend), state);
  }

  /** On a given net: a browser GPU backend's (AsyncMlpNet), with the same Adam and moving average. */
  static withNet(spec: ModelSpec, net: EngineNet, state: MlpState): LocalEngine {
    return new LocalEngine(spec, net, state);
  }

  async trainStep(x: Float32Array, t: Float32Array, target: Float32Array): Promise<number> {
    this.assertLive();
    await useTfBackend(this.net.tfBackend);
    const denom = t.length * this.spec.dataDim;
    const sse = await this.net.lossAndGrad(this.params, x, t, target, 2 / denom, this.grad);
    this.step++;
    optimizerStep({ params: this.params, m: this.m, v: this.v, grad: this.grad }, this.step, this.spec, this.decay);
    if (this.ema) emaStep(this.ema, this.params, this.spec.emaDecay!, this.step);
    return sse / denom;
  }

  async predict(x: Float32Array, t: Float32Array | number): Promise<Float32Array> {
    this.assertLive();
    await useTfBackend(this.net.tfBackend);
    return this.net.forward(this.ema ?? this.params, x, t);
  }

  async readState(): Promise<MlpState> {
    this.assertLive();
    return stateOf(this.net.layout, { params: this.params, m: this.m, v: this.v, ema: this.ema }, this.step);
  }

  numTensors(): number {
    return tf.memory().numTensors;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.net.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('This model has been disposed.');
  }
}
