import type { ModelSpec } from '@flow-visualizer/core';
import { tf, useTfBackend, type TfBackendName } from '../backends/tfjs-runtime.js';
import { flatLayout, type FlatLayout } from './flat.js';
import type { MlpNet } from './net.js';
import { TfjsIo } from './tfjs-io.js';
import { condDimOf } from './spec.js';

/**
 * The residual network of Cheng & Schwing's C2OT playground (their SimpleNet; model.architecture=resnet) on one
 * tfjs backend, stateless like TfjsNet:
 *   h = input_proj(x) + time_emb(t)   (Linear(d → w) and Linear(1 → w): time enters as a linear layer of t)
 *   h ← h + linear2(act(linear1(h)))   per block, linear1: w → w·expansion, linear2: back to w
 *   v = output_proj(h)                 (Linear(w → d))
 * with act the exact GELU of torch.nn.GELU(), 0.5·z·(1 + erf(z/√2)), or SiLU. Backward by hand as TfjsResNet's
 * (tfjs's own differentiation would add every gradient kernel to the page's bundle): g = scale·(v − y), then per
 * block from the last, with gh the gradient of its output: dW2 = aᵀgh, gz = gh·W2ᵀ ⊙ act'(z), dW1 = hᵀgz,
 * gh ← gh + gz·W1ᵀ (the skip carries gh through); GELU'(z) = Φ(z) + z·φ(z), SiLU'(z) = s + a − a·s.
 * Conditional (spec.condDim = c > 0, the paper's ConditionalNet): rows come packed [x, c] and
 * h = input_proj(x) + cond_proj(c) + time_emb(t), cond_proj = Linear(c → w) stored after output_proj.
 */
export class TfjsProjResNet implements MlpNet {
  readonly layout: FlatLayout;
  private readonly io: TfjsIo;
  private readonly w: number;
  private readonly hid: number;
  /** Floats of condition per row, and the indices of output_proj's and cond_proj's kernels. */
  private readonly cd: number;
  private readonly outK: number;
  private readonly condK: number;

  constructor(readonly spec: ModelSpec, readonly tfBackend: TfBackendName) {
    this.layout = flatLayout(spec);
    this.io = new TfjsIo(tfBackend);
    this.w = spec.width!;
    this.hid = spec.width! * spec.expansion!;
    this.cd = condDimOf(spec);
    this.outK = 4 + 4 * spec.nBlocks!;
    this.condK = this.outK + 2;
  }

  /** The packed rows [x, c] split into x (n×d) and c (n×cd; absent when unconditional). */
  private split(x: Float32Array, n: number): { xs: tf.Tensor2D; cs?: tf.Tensor2D } {
    const d = this.spec.dataDim;
    if (this.cd === 0) return { xs: tf.tensor2d(x, [n, d]) };
    const all = tf.tensor2d(x, [n, d + this.cd]);
    return { xs: tf.slice(all, [0, 0], [n, d]), cs: tf.slice(all, [0, d], [n, this.cd]) };
  }

  static async create(spec: ModelSpec, tfBackend: TfBackendName): Promise<TfjsProjResNet> {
    await useTfBackend(tfBackend);
    return new TfjsProjResNet(spec, tfBackend);
  }

  /** Parameter i (resnetParamInfos order: kernel then bias per layer) as a tensor of its shape. */
  private param(params: Float32Array, i: number): tf.Tensor {
    const p = this.layout.infos[i], o = this.layout.offsets[i];
    return tf.tensor(params.subarray(o, o + p.size), p.shape);
  }

  /** Layer k's x·W + b; k: the index of its kernel. */
  private dense(params: Float32Array, a: tf.Tensor2D, k: number): tf.Tensor2D {
    return tf.fused.matMul({ a, b: this.param(params, k) as tf.Tensor2D, bias: this.param(params, k + 1) }) as tf.Tensor2D;
  }

  private input(params: Float32Array, x: Float32Array, t: Float32Array | number): tf.Tensor2D {
    const n = x.length / (this.spec.dataDim + this.cd);
    const tc = typeof t === 'number' ? (tf.fill([n, 1], t) as tf.Tensor2D) : tf.tensor2d(t, [n, 1]);
    const { xs, cs } = this.split(x, n);
    const h = tf.add(this.dense(params, xs, 0), this.dense(params, tc, 2)) as tf.Tensor2D;
    return cs ? (tf.add(h, this.dense(params, cs, this.condK)) as tf.Tensor2D) : h;
  }

  /** act(z); with silu also sigmoid(z), for the backward pass. */
  private act(z: tf.Tensor2D): { a: tf.Tensor2D; s?: tf.Tensor2D } {
    if (this.spec.activation === 'silu') {
      const s = tf.sigmoid(z) as tf.Tensor2D;
      return { a: tf.mul(z, s) as tf.Tensor2D, s };
    }
    return { a: tf.mul(tf.mul(z, 0.5), tf.add(1, tf.erf(tf.mul(z, Math.SQRT1_2)))) as tf.Tensor2D };
  }

  /** act'(z) from the forward pass's values. */
  private actGrad(z: tf.Tensor2D, a: tf.Tensor2D, s?: tf.Tensor2D): tf.Tensor2D {
    if (s) return tf.sub(tf.add(s, a), tf.mul(a, s)) as tf.Tensor2D;
    const cdf = tf.mul(tf.add(1, tf.erf(tf.mul(z, Math.SQRT1_2))), 0.5);
    const pdf = tf.mul(tf.exp(tf.mul(tf.square(z), -0.5)), 1 / Math.sqrt(2 * Math.PI));
    return tf.add(cdf, tf.mul(z, pdf)) as tf.Tensor2D;
  }

  lossAndGrad(params: Float32Array, x: Float32Array, t: Float32Array, target: Float32Array, scale: number, grad: Float32Array): number {
    const n = t.length, d = this.spec.dataDim, B = this.spec.nBlocks!, w = this.w, H = this.hid;
    const offs = this.layout.offsets, last = this.outK;
    let sse = 0;
    tf.tidy(() => {
      const hs: tf.Tensor2D[] = [], zs: tf.Tensor2D[] = [], as: tf.Tensor2D[] = [], ss: (tf.Tensor2D | undefined)[] = [];
      let h = this.input(params, x, t);
      for (let b = 0; b < B; b++) {
        hs.push(h);
        const z = this.dense(params, h, 4 + 4 * b);
        const { a, s } = this.act(z);
        zs.push(z), as.push(a), ss.push(s);
        h = tf.add(h, this.dense(params, a, 6 + 4 * b)) as tf.Tensor2D;
      }
      const out = this.dense(params, h, last);
      const diff = tf.sub(out, tf.tensor2d(target, [n, d]));
      sse = tf.sum(tf.square(diff)).dataSync()[0];
      const g = tf.mul(diff, tf.scalar(scale)) as tf.Tensor2D;
      grad.set(this.io.peek(tf.matMul(this.io.transposeT(h, 1), g)), offs[last]);
      grad.set(this.io.peek(this.io.colSums(g)), offs[last + 1]);
      let gh: tf.Tensor2D = tf.matMul(g, this.io.matrixT(params, offs[last], w, d, 0));
      for (let b = B - 1; b >= 0; b--) {
        const k1 = 4 + 4 * b, k2 = k1 + 2;
        grad.set(this.io.peek(tf.matMul(this.io.transposeT(as[b], 1), gh)), offs[k2]);
        grad.set(this.io.peek(this.io.colSums(gh)), offs[k2 + 1]);
        const gz = tf.mul(tf.matMul(gh, this.io.matrixT(params, offs[k2], H, w, 0)), this.actGrad(zs[b], as[b], ss[b])) as tf.Tensor2D;
        grad.set(this.io.peek(tf.matMul(this.io.transposeT(hs[b], 1), gz)), offs[k1]);
        grad.set(this.io.peek(this.io.colSums(gz)), offs[k1 + 1]);
        gh = tf.add(gh, tf.matMul(gz, this.io.matrixT(params, offs[k1], w, H, 0))) as tf.Tensor2D;
      }
      // input_proj and time_emb: xᵀgh and tᵀgh; both biases are added to h0, so both get gh's column sums.
      const { xs, cs } = this.split(x, n);
      grad.set(this.io.peek(tf.matMul(this.io.transposeT(xs, 1), gh)), offs[0]);
      grad.set(this.io.peek(tf.matMul(tf.tensor2d(t, [1, n]), gh)), offs[2]);
      const gb = Float32Array.from(this.io.peek(this.io.colSums(gh)));
      grad.set(gb, offs[1]);
      grad.set(gb, offs[3]);
      if (cs) {
        // cond_proj: cᵀgh, and its bias is added to h0 too.
        grad.set(this.io.peek(tf.matMul(this.io.transposeT(cs, 1), gh)), offs[this.condK]);
        grad.set(gb, offs[this.condK + 1]);
      }
    });
    return sse;
  }

  forward(params: Float32Array, x: Float32Array, t: Float32Array | number): Float32Array {
    const B = this.spec.nBlocks!;
    const out = tf.tidy(() => {
      let h = this.input(params, x, t);
      for (let b = 0; b < B; b++) h = tf.add(h, this.dense(params, this.act(this.dense(params, h, 4 + 4 * b)).a, 6 + 4 * b)) as tf.Tensor2D;
      return this.dense(params, h, this.outK);
    });
    const data = out.dataSync() as Float32Array;
    out.dispose();
    return data;
  }

  dispose(): void {
    this.io.dispose();
  }
}
