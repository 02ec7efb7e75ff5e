import type { ModelSpec } from '@flow-visualizer/core';
import { emaDecayAt, initialEma } from './ema.js';
import type { MlpEngine } from './engine.js';
import { flatten, type FlatLayout } from './flat.js';
import { createNativeNet } from './native-nets.js';
import type { NativeNet } from './native-net.js';
import { decayRanges } from './optim/decay-ranges.js';
import { prepareStep } from './optim/step.js';
import { nativeThreads, trainChunks } from './parallel/threads.js';
import { ADAM, stateOf, type MlpState } from './state.js';
import { ThreadTuner } from './thread-tuner.js';

/**
 * The MLP on the C addon, threads included: each batch is split into `parts` (FV_THREADS, default 2) computed
 * over the addon's thread pool and summed in part order, so the same seed gives the same losses for a given
 * part count on any machine; Adam and the moving average run in C too, in float32 as PyTorch (adamStep/emaStep's
 * rule, to float rounding).
 * Prediction spreads its rows over the pool. No worker_threads, no messages: a step is one call. How many
 * threads actually run (1, or as many as there are parts / cores) is measured as it goes (ThreadTuner): on a
 * quiet machine all of them, on one whose cores other jobs hold, maybe one; the numbers are the same either way.
 */
export class NativeEngine implements MlpEngine {
  private readonly layout: FlatLayout;
  private readonly params: Float32Array;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly grad: Float32Array;
  private readonly ema?: Float32Array;
  private readonly adamK = new Float64Array(7);
  private readonly decay: [number, number][];
  private step: number;
  private disposed = false;
  private readonly trainTuner: ThreadTuner;
  private readonly predictTuner: ThreadTuner;

  constructor(
    readonly spec: ModelSpec,
    state: MlpState,
    /** Parts of each batch (the numbers depend on it) and threads of the pool (they do not). */
    readonly parts = trainChunks('native'),
    readonly threads = nativeThreads(),
    private readonly net = createNativeNet(spec),
  ) {
    this.layout = net.layout;
    this.params = flatten(this.layout, state.params);
    this.m = flatten(this.layout, state.m);
    this.v = flatten(this.layout, state.v);
    this.grad = new Float32Array(this.layout.total);
    this.ema = initialEma(spec, this.layout, state, this.params);
    this.step = state.step;
    this.decay = decayRanges(this.layout);
    this.trainTuner = new ThreadTuner([1, Math.min(threads, parts)]);
    // Sampling calls come ~100 to a run: measure with fewer, more often.
    this.predictTuner = new ThreadTuner([1, threads], 3, 60);
  }

  /** Thread counts in use now for training and for large predictions. */
  get threadsChosen(): { train: number; predict: number } {
    return { train: this.trainTuner.chosen, predict: this.predictTuner.chosen };
  }

  async trainStep(x: Float32Array, t: Float32Array, target: Float32Array): Promise<number> {
    this.assertLive();
    // The pool is process-wide: set it on every call, in case another model changed it.
    this.net.addon.setThreads(this.trainTuner.next());
    const denom = t.length * this.spec.dataDim;
    const t0 = performance.now();
    const o = this.spec.optimizer;
    // Clipping and weight decay need this step's whole gradient before Adam: then gradient and Adam are two calls.
    // Without them (the default) one C call does gradient, the parts' sum, Adam and the average in one pass.
    const fused = 'trainStep' in this.net && !(o && (o.gradClip > 0 || o.weightDecay > 0));
    let sse = 0;
    if (!fused) sse = this.net.lossAndGrad(this.params, x, t, target, 2 / denom, this.grad, this.parts);
    this.step++;
    // Clipping, the schedule and weight decay as every engine does them; Adam itself in C at the rate they give.
    const lr = prepareStep({ params: this.params, m: this.m, v: this.v, grad: this.grad }, this.step, this.spec, this.decay);
    const { beta1, beta2, epsilon } = ADAM;
    const k = this.adamK;
    // The same constants as adamStep computes.
    k[0] = beta1;
    k[1] = beta2;
    k[2] = 1 - beta1;
    k[3] = 1 - beta2;
    k[4] = lr / (1 - Math.pow(beta1, this.step));
    k[5] = 1 / Math.sqrt(1 - Math.pow(beta2, this.step));
    k[6] = epsilon;
    const emaC = this.ema ? 1 - emaDecayAt(this.spec.emaDecay!, this.step) : 0;
    if (!fused) {
      this.net.addon.adam(this.params, this.m, this.v, this.grad, k, this.ema ?? null, emaC);
    } else {
      try {
        sse = (this.net as NativeNet).trainStep(this.params, x, t, target, 2 / denom, this.grad, this.parts, this.m, this.v, k, this.ema ?? null, emaC);
      } catch (e) {
        this.step--; // out of memory: nothing was updated
        throw e;
      }
    }
    this.trainTuner.record((performance.now() - t0) / t.length);
    return sse / denom;
  }

  async predict(x: Float32Array, t: Float32Array | number): Promise<Float32Array> {
    this.assertLive();
    const n = x.length / this.spec.dataDim;
    // Small predictions (a grid of arrows) are quick either way and would blur the measurement.
    if (n < 4096) {
      this.net.addon.setThreads(this.threads);
      return this.net.forward(this.ema ?? this.params, x, t);
    }
    this.net.addon.setThreads(this.predictTuner.next());
    const t0 = performance.now();
    const out = this.net.forward(this.ema ?? this.params, x, t);
    this.predictTuner.record((performance.now() - t0) / n);
    return out;
  }

  async readState(): Promise<MlpState> {
    this.assertLive();
    return stateOf(this.layout, { params: this.params, m: this.m, v: this.v, ema: this.ema }, this.step);
  }

  numTensors(): number {
    return 0;
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
