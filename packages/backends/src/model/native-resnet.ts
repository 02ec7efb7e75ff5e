import type { ModelSpec } from '@flow-visualizer/core';
import { flatLayout, type FlatLayout } from './flat.js';
import { loadAddon, type Addon } from './native-net.js';
import type { MlpNet } from './net.js';
import { resTimeFrequencies } from './spec.js';

/** native/fv_resmlp.c's exports on the addon: lossAndGrad and forward of the residual MLP. */
interface ResAddon extends Addon {
  resLossAndGrad(dims: Int32Array, freqs: Float32Array, params: Float32Array, x: Float32Array, t: Float32Array, y: Float32Array, scale: number, grad: Float32Array, parts?: number): number;
  resForward(dims: Int32Array, freqs: Float32Array, params: Float32Array, x: Float32Array, t: Float32Array | number, out: Float32Array): void;
}

/** The residual MLP in C (native/fv_resmlp.c), the same maths as TfjsResNet; batch parts and rows over the C pool. */
export class NativeResNet implements MlpNet {
  readonly layout: FlatLayout;
  readonly addon: ResAddon;
  private readonly dims: Int32Array;
  private readonly freqs: Float32Array;

  constructor(readonly spec: ModelSpec) {
    this.addon = loadAddon() as ResAddon;
    this.layout = flatLayout(spec);
    this.dims = Int32Array.from([spec.dataDim, spec.width!, spec.nBlocks!]);
    this.freqs = resTimeFrequencies(spec);
  }

  lossAndGrad(params: Float32Array, x: Float32Array, t: Float32Array, target: Float32Array, scale: number, grad: Float32Array, parts = 1): number {
    return this.addon.resLossAndGrad(this.dims, this.freqs, params, x, t, target, scale, grad, parts);
  }

  forward(params: Float32Array, x: Float32Array, t: Float32Array | number): Float32Array {
    const out = new Float32Array(x.length);
    this.addon.resForward(this.dims, this.freqs, params, x, t, out);
    return out;
  }

  dispose(): void {}
}
