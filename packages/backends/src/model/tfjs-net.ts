import type { ModelSpec } from '@flow-visualizer/core';
import { tf, useTfBackend, type TfBackendName } from '../backends/tfjs-runtime.js';
import { flatLayout, type FlatLayout } from './flat.js';
import { TfjsIo } from './tfjs-io.js';
import { inputDimOf, layerShapes, timeFrequencies, type LayerShape } from './spec.js';
import type { MlpNet } from './net.js';
import { fillEmbeddedInput } from './embed-input.js';
import { tfjsMlpJacobian } from './tfjs-jacobian.js';
import type { VelocityJacobian } from '@flow-visualizer/core';

/**
 * The MLP's arithmetic on one tfjs backend, stateless: parameters come in as one flat Float32Array per call
 * (Adam runs outside, in plain JS, so that worker threads can share it). The backward pass is written by hand:
 *  - tfjs-wasm runs matMul with transposeA/transposeB ~15× slower than a plain matMul, and its Transpose kernel
 *    costs half a matMul; so every transposed operand is made in JavaScript (weights: from the flat buffer;
 *    activations: read back, transposed, uploaded), which is ~5× cheaper;
 *  - matMul + bias are one fused op; SiLU' reuses the forward's sigmoid and output.
 */
export class TfjsNet implements MlpNet {
  readonly layout: FlatLayout;
  private readonly layers: LayerShape[];
  private readonly freqs: Float32Array;
  /** Uploads, read-backs, JavaScript transposes and column sums, shared with the residual net. */
  private readonly io: TfjsIo;
  /** Floats per input row: the point, then its condition for a conditional model (spec.condDim). */
  private readonly din: number;

  constructor(readonly spec: ModelSpec, readonly tfBackend: TfBackendName) {
    this.din = inputDimOf(spec);
    this.layout = flatLayout(spec);
    this.layers = layerShapes(spec);
    this.freqs = timeFrequencies(spec.timeEmbedDim);
    this.io = new TfjsIo(tfBackend);
  }

  static async create(spec: ModelSpec, tfBackend: TfBackendName): Promise<TfjsNet> {
    await useTfBackend(tfBackend);
    return new TfjsNet(spec, tfBackend);
  }

  private kernel(params: Float32Array, i: number): tf.Tensor2D {
    const { inDim, outDim } = this.layers[i];
    const o = this.layout.offsets[2 * i];
    return tf.tensor2d(params.subarray(o, o + inDim * outDim), [inDim, outDim]);
  }

  private bias(params: Float32Array, i: number): tf.Tensor1D {
    const o = this.layout.offsets[2 * i + 1];
    return tf.tensor1d(params.subarray(o, o + this.layers[i].outDim));
  }

  /**
   * [x, sin(t·f), cos(t·f)], built in JavaScript and uploaded once: tfjs-wasm's broadcast multiply, Sin, Cos
   * and Concat cost ~1.5 ms per training batch, the plain loop a fifth of that.
   */
  input(x: Float32Array, t: Float32Array): tf.Tensor2D {
    const n = t.length, w = this.din + 2 * this.freqs.length;
    const out = this.io.buf(n * w, 2);
    fillEmbeddedInput(out, x, t, this.din, this.freqs);
    return tf.tensor2d(out, [n, w]);
  }

  /**
   * Sum over the batch of the squared errors, and its gradient scaled by `scale` written into `grad` (flat,
   * parameter layout). With scale = 2/(N·d) for a batch of N points, the gradient is that of the mean squared
   * error; a worker handling part of a batch passes the whole batch's N so that partial gradients add up.
   */
  lossAndGrad(params: Float32Array, x: Float32Array, t: Float32Array, target: Float32Array, scale: number, grad: Float32Array): number {
    const n = t.length;
    const L = this.layers.length;
    let sse = 0;
    tf.tidy(() => {
      const { hs, ss, h } = forwardLayers(this.input(x, t), L, (i) => this.kernel(params, i), (i) => this.bias(params, i));
      const diff = tf.sub(h, tf.tensor2d(target, [n, this.spec.dataDim]));
      sse = tf.sum(tf.square(diff)).dataSync()[0];
      let g = tf.mul(diff, tf.scalar(scale)) as tf.Tensor2D;
      for (let i = L - 1; i >= 0; i--) {
        const dW = tf.matMul(this.io.transposeT(hs[i], 1), g);
        grad.set(this.io.peek(dW), this.layout.offsets[2 * i]);
        grad.set(this.io.peek(this.io.colSums(g)), this.layout.offsets[2 * i + 1]);
        if (i === 0) break;
        const da = tf.matMul(g, this.io.matrixT(params, this.layout.offsets[2 * i], this.layers[i].inDim, this.layers[i].outDim, 0));
        // SiLU'(z) = s (1 + z (1 - s)) = s + h - h s, with s = sigmoid(z) and h = z s from the forward pass.
        const s = ss[i - 1], a = hs[i];
        g = tf.mul(da, tf.sub(tf.add(s, a), tf.mul(a, s)));
      }
    });
    return sse;
  }

  /**
   * v(x, t) for n points: t per point, or one time for all (sampling), where the time embedding's share of the
   * first layer, emb(t)·W1[d:] + b1, is the same for every point: it is computed once, in JavaScript, as that
   * layer's bias, and the first matMul shrinks to x·W1[:d] (no sin/cos per point, no 66-wide input).
   */
  forward(params: Float32Array, x: Float32Array, t: Float32Array | number): Float32Array {
    const out = this.forwardTensor(params, x, t);
    const data = out.dataSync() as Float32Array;
    out.dispose();
    return data;
  }

  /** forward's result as a tensor on the backend, for a caller that reads it back asynchronously (a GPU's). */
  forwardTensor(params: Float32Array, x: Float32Array, t: Float32Array | number): tf.Tensor2D {
    const L = this.layers.length;
    const d = this.din;
    const n = x.length / d;
    return tf.tidy(() => {
      let h: tf.Tensor2D;
      let first = 0;
      if (typeof t === 'number') {
        const { outDim } = this.layers[0];
        const k0 = this.layout.offsets[0], b0 = this.layout.offsets[1];
        const c = Float32Array.from(params.subarray(b0, b0 + outDim));
        const half = this.freqs.length;
        for (let k = 0; k < half; k++) {
          const a = t * this.freqs[k];
          const sin = Math.fround(Math.sin(a)), cos = Math.fround(Math.cos(a));
          const rs = k0 + (d + k) * outDim, rc = k0 + (d + half + k) * outDim;
          for (let o = 0; o < outDim; o++) c[o] += sin * params[rs + o] + cos * params[rc + o];
        }
        const z = tf.fused.matMul({
          a: tf.tensor2d(x, [n, d]),
          b: tf.tensor2d(params.subarray(k0, k0 + d * outDim), [d, outDim]),
          bias: tf.tensor1d(c),
        }) as tf.Tensor2D;
        h = L === 1 ? z : (tf.mul(z, tf.sigmoid(z)) as tf.Tensor2D);
        first = 1;
      } else {
        h = this.input(x, t);
      }
      for (let i = first; i < L; i++) {
        const z = tf.fused.matMul({ a: h, b: this.kernel(params, i), bias: this.bias(params, i) }) as tf.Tensor2D;
        h = i === L - 1 ? z : (tf.mul(z, tf.sigmoid(z)) as tf.Tensor2D);
      }
      return h;
    });
  }

  jacobian(params: Float32Array, x: Float32Array, t: number, dx?: Float32Array): VelocityJacobian {
    return tfjsMlpJacobian(this.spec, this.layout, params, x, t, dx);
  }

  dispose(): void {
    this.io.dispose();
  }
}

/** The layers' activations that the hand-written backward pass needs: each layer's input and each hidden sigmoid. */
export interface ForwardTrace {
  /** hs[i]: the input of layer i. */
  hs: tf.Tensor2D[];
  /** ss[i]: sigmoid(z_i) of hidden layer i (SiLU = z·sigmoid(z)). */
  ss: tf.Tensor2D[];
  /** The output, v(x, t). */
  h: tf.Tensor2D;
}

/** The MLP's L layers from the embedded input h0 (SiLU between them, none after the last), keeping what backprop needs. */
export function forwardLayers(h0: tf.Tensor2D, L: number, kernel: (i: number) => tf.Tensor2D, bias: (i: number) => tf.Tensor1D): ForwardTrace {
  const hs: tf.Tensor2D[] = [];
  const ss: tf.Tensor2D[] = [];
  let h = h0;
  for (let i = 0; i < L; i++) {
    hs.push(h);
    const z = tf.fused.matMul({ a: h, b: kernel(i), bias: bias(i) }) as tf.Tensor2D;
    if (i === L - 1) return { hs, ss, h: z };
    const s = tf.sigmoid(z);
    ss.push(s);
    h = tf.mul(z, s);
  }
  return { hs, ss, h };
}
