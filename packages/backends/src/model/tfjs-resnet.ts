import type { ModelSpec } from '@flow-visualizer/core';
import { tf, useTfBackend, type TfBackendName } from '../backends/tfjs-runtime.js';
import { flatLayout, type FlatLayout } from './flat.js';
import type { MlpNet } from './net.js';
import { resTimeFrequencies } from './spec.js';
import { TfjsIo } from './tfjs-io.js';
import { fillEmbeddedInput } from './embed-input.js';

/**
 * The residual MLP (model.architecture=resmlp) on one tfjs backend, stateless like TfjsNet:
 *   h₀ = [x, sin(kπt)…, cos(kπt)…] (width w),  h_{b+1} = h_b + SiLU(h_b·W_b) for each block,  v = h_B·W_out + b_out.
 * Backward by hand: g = scale·(v − y); dW_out = h_Bᵀg; then per block, from the last, with gh the gradient of
 * h_{b+1}: gz = gh ⊙ SiLU'(z_b), dW_b = h_bᵀ gz, gh ← gh + gz·W_bᵀ (the skip carries gh through unchanged).
 */
export class TfjsResNet implements MlpNet {
  readonly layout: FlatLayout;
  private readonly freqs: Float32Array;
  private readonly io: TfjsIo;
  private readonly w: number;
  private readonly blocks: number;

  constructor(readonly spec: ModelSpec, readonly tfBackend: TfBackendName) {
    this.layout = flatLayout(spec);
    this.freqs = resTimeFrequencies(spec);
    this.io = new TfjsIo(tfBackend);
    this.w = spec.width!;
    this.blocks = spec.nBlocks!;
  }

  static async create(spec: ModelSpec, tfBackend: TfBackendName): Promise<TfjsResNet> {
    await useTfBackend(tfBackend);
    return new TfjsResNet(spec, tfBackend);
  }

  /** [x, sin(kπt), cos(kπt)] per row, in JavaScript (t: per row, or one for all). */
  private input(x: Float32Array, t: Float32Array | number): tf.Tensor2D {
    const d = this.spec.dataDim, n = x.length / d, w = this.w;
    const out = this.io.buf(n * w, 2);
    fillEmbeddedInput(out, x, t, d, this.freqs);
    return tf.tensor2d(out, [n, w]);
  }

  private kernel(params: Float32Array, i: number, cols: number): tf.Tensor2D {
    const o = this.layout.offsets[i];
    return tf.tensor2d(params.subarray(o, o + this.w * cols), [this.w, cols]);
  }

  private outBias(params: Float32Array): tf.Tensor1D {
    const o = this.layout.offsets[this.blocks + 1];
    return tf.tensor1d(params.subarray(o, o + this.spec.dataDim));
  }

  lossAndGrad(params: Float32Array, x: Float32Array, t: Float32Array, target: Float32Array, scale: number, grad: Float32Array): number {
    const n = t.length, d = this.spec.dataDim, B = this.blocks, w = this.w;
    const offs = this.layout.offsets;
    let sse = 0;
    tf.tidy(() => {
      const hs: tf.Tensor2D[] = [];
      const ss: tf.Tensor2D[] = [];
      const as: tf.Tensor2D[] = [];
      let h = this.input(x, t);
      for (let b = 0; b < B; b++) {
        hs.push(h);
        const z = tf.matMul(h, this.kernel(params, b, w));
        const s = tf.sigmoid(z) as tf.Tensor2D;
        const a = tf.mul(z, s) as tf.Tensor2D;
        ss.push(s);
        as.push(a);
        h = tf.add(h, a) as tf.Tensor2D;
      }
      const out = tf.fused.matMul({ a: h, b: this.kernel(params, B, d), bias: this.outBias(params) }) as tf.Tensor2D;
      const diff = tf.sub(out, tf.tensor2d(target, [n, d]));
      sse = tf.sum(tf.square(diff)).dataSync()[0];
      const g = tf.mul(diff, tf.scalar(scale)) as tf.Tensor2D;
      grad.set(this.io.peek(tf.matMul(this.io.transposeT(h, 1), g)), offs[B]);
      grad.set(this.io.peek(this.io.colSums(g)), offs[B + 1]);
      let gh: tf.Tensor2D = tf.matMul(g, this.io.matrixT(params, offs[B], w, d, 0));
      for (let b = B - 1; b >= 0; b--) {
        // SiLU'(z) = s + a − a·s, with s = sigmoid(z) and a = z·s from the forward pass.
        const s = ss[b], a = as[b];
        const gz = tf.mul(gh, tf.sub(tf.add(s, a), tf.mul(a, s))) as tf.Tensor2D;
        grad.set(this.io.peek(tf.matMul(this.io.transposeT(hs[b], 1), gz)), offs[b]);
        if (b > 0) gh = tf.add(gh, tf.matMul(gz, this.io.matrixT(params, offs[b], w, w, 0))) as tf.Tensor2D;
      }
    });
    return sse;
  }

  forward(params: Float32Array, x: Float32Array, t: Float32Array | number): Float32Array {
    const d = this.spec.dataDim, B = this.blocks, w = this.w;
    const out = tf.tidy(() => {
      let h = this.input(x, t);
      for (let b = 0; b < B; b++) {
        const z = tf.matMul(h, this.kernel(params, b, w));
        h = tf.add(h, tf.mul(z, tf.sigmoid(z))) as tf.Tensor2D;
      }
      return tf.fused.matMul({ a: h, b: this.kernel(params, B, d), bias: this.outBias(params) });
    });
    const data = out.dataSync() as Float32Array;
    out.dispose();
    return data;
  }

  dispose(): void {
    this.io.dispose();
  }
}
