import type { ModelSpec } from '@flow-visualizer/core';
import { flatLayout, type FlatLayout } from './flat.js';
import { loadAddon, type Addon } from './native-net.js';
import type { MlpNet } from './net.js';
import { condDimOf, inputDimOf } from './spec.js';

/** native/fv_proj_resnet.c's entry points on the addon (fv_napi.c's, with the MLP's signatures). */
interface ProjResAddon extends Addon {
  resnetLossAndGrad(dims: Int32Array, freqs: Float32Array, params: Float32Array, x: Float32Array, t: Float32Array, y: Float32Array, scale: number, grad: Float32Array, parts?: number): number;
  resnetForward(dims: Int32Array, freqs: Float32Array, params: Float32Array, x: Float32Array, t: Float32Array | number, out: Float32Array): void;
  resnetTrainStep(dims: Int32Array, freqs: Float32Array, params: Float32Array, x: Float32Array, t: Float32Array, y: Float32Array, scale: number, grad: Float32Array,
    parts: number, m: Float32Array, v: Float32Array, k: Float64Array, ema: Float32Array | null, emaC: number): number;
}

const NO_FREQS = new Float32Array(0);

/**
 * The C2OT playground's residual network (model.architecture=resnet) in C (native/fv_proj_resnet.c, GELU in
 * fv_gelu.c): the same maths as TfjsProjResNet; batch parts and rows over the C pool, and the whole training step
 * (gradient, sum of the parts, Adam) in one call, as the MLP's.
 */
export class NativeProjResNet implements MlpNet {
  readonly layout: FlatLayout;
  readonly addon: ProjResAddon;
  private readonly dims: Int32Array;

  constructor(readonly spec: ModelSpec) {
    this.addon = loadAddon() as ProjResAddon;
    if (typeof this.addon.resnetLossAndGrad !== 'function') {
      throw new Error('the native addon was built before model.architecture=resnet existed; rebuild it (npm run build -w packages/backends)');
    }
    this.layout = flatLayout(spec);
    const dims = [spec.dataDim, spec.width!, spec.nBlocks!, spec.width! * spec.expansion!, spec.activation === 'silu' ? 1 : 0];
    // A conditional net (ConditionalNet) passes its condition width as a sixth dim; an older addon refuses it.
    this.dims = Int32Array.from(condDimOf(spec) > 0 ? [...dims, condDimOf(spec)] : dims);
  }

  lossAndGrad(params: Float32Array, x: Float32Array, t: Float32Array, target: Float32Array, scale: number, grad: Float32Array, parts = 1): number {
    return this.addon.resnetLossAndGrad(this.dims, NO_FREQS, params, x, t, target, scale, grad, parts);
  }

  /** A whole training step in C: gradient in `parts`, summed, then Adam (k: adam()'s constants) and the average. */
  trainStep(params: Float32Array, x: Float32Array, t: Float32Array, target: Float32Array, scale: number, grad: Float32Array, parts: number,
    m: Float32Array, v: Float32Array, k: Float64Array, ema: Float32Array | null, emaC: number): number {
    return this.addon.resnetTrainStep(this.dims, NO_FREQS, params, x, t, target, scale, grad, parts, m, v, k, ema, emaC);
  }

  forward(params: Float32Array, x: Float32Array, t: Float32Array | number): Float32Array {
    const out = new Float32Array((x.length / inputDimOf(this.spec)) * this.spec.dataDim);
    this.addon.resnetForward(this.dims, NO_FREQS, params, x, t, out);
    return out;
  }

  dispose(): void {}
}
