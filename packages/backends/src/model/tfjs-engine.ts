import type { ModelSpec } from '@flow-visualizer/core';
import { tf, useTfBackend, type TfBackendName } from '../backends/tfjs-runtime.js';
import { layerShapes, paramInfos, timeFrequencies } from './spec.js';
import { ADAM, type MlpState } from './state.js';

/**
 * The MLP velocity model on a tfjs backend, with the backward pass written out by hand instead of autodiff:
 * autodiff of matMul uses transposeA/transposeB, which tfjs-wasm runs ~15× slower than an explicit transpose
 * followed by a plain matMul. Adam is written out too (PyTorch's update rule), over tf.Variables so that the
 * tensor count stays flat.
 */
export class TfjsMlpEngine {
  private readonly params: tf.Variable[];
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private readonly freqs: tf.Tensor2D;
  private readonly nLayers: number;
  private step: number;
  private disposed = false;

  constructor(readonly spec: ModelSpec, readonly tfBackend: TfBackendName, state: MlpState) {
    const infos = paramInfos(spec);
    const mk = (arrays: Float32Array[], tag: string) =>
      infos.map((p, i) => {
        // The variable shares the initial tensor's data; dispose the initial tensor itself or it leaks.
        const init = tf.tensor(arrays[i], p.shape, 'float32');
        const v = tf.variable(init, true, `${tag}/${p.name}/${uid}`);
        init.dispose();
        return v;
      });
    const uid = nextId++;
    this.params = mk(state.params, 'param');
    this.m = mk(state.m, 'adam_m');
    this.v = mk(state.v, 'adam_v');
    const f = timeFrequencies(spec.timeEmbedDim);
    this.freqs = tf.tensor2d(f, [1, f.length]);
    this.nLayers = layerShapes(spec).length;
    this.step = state.step;
  }

  /** Builds the engine on its backend (the backend must be registered). */
  static async create(spec: ModelSpec, tfBackend: TfBackendName, state: MlpState): Promise<TfjsMlpEngine> {
    await useTfBackend(tfBackend);
    return new TfjsMlpEngine(spec, tfBackend, state);
  }

  /** [x, sin(t·f), cos(t·f)]: the network input. */
  private input(x: tf.Tensor2D, t: tf.Tensor2D): tf.Tensor2D {
    const arg = tf.mul(t, this.freqs);
    return tf.concat([x, tf.sin(arg), tf.cos(arg)], 1) as tf.Tensor2D;
  }

  /** Forward pass; returns the output and, for training, the pre-activations and layer inputs. */
  private forward(h0: tf.Tensor2D): { out: tf.Tensor2D; inputs: tf.Tensor2D[]; pre: tf.Tensor2D[] } {
    const inputs: tf.Tensor2D[] = [];
    const pre: tf.Tensor2D[] = [];
    let h = h0;
    for (let i = 0; i < this.nLayers; i++) {
      inputs.push(h);
      const z = tf.add(tf.matMul(h, this.params[2 * i] as tf.Tensor2D), this.params[2 * i + 1]) as tf.Tensor2D;
      if (i === this.nLayers - 1) return { out: z, inputs, pre };
      pre.push(z);
      h = tf.mul(z, tf.sigmoid(z)) as tf.Tensor2D; // SiLU
    }
    throw new Error('unreachable');
  }

  async trainStep(x: Float32Array, t: Float32Array, target: Float32Array): Promise<number> {
    this.assertLive();
    await useTfBackend(this.tfBackend);
    const n = t.length;
    const d = this.spec.dataDim;
    const loss = tf.tidy(() => {
      const xs = tf.tensor2d(x, [n, d]);
      const ts = tf.tensor2d(t, [n, 1]);
      const ys = tf.tensor2d(target, [n, d]);
      const { out, inputs, pre } = this.forward(this.input(xs, ts));
      const diff = tf.sub(out, ys);
      const lossT = tf.mean(tf.square(diff));
      // d(mean((out - y)²))/d out = 2 (out - y) / (n·d)
      let g = tf.mul(diff, tf.scalar(2 / (n * d))) as tf.Tensor2D;
      const grads: tf.Tensor[] = new Array(2 * this.nLayers);
      for (let i = this.nLayers - 1; i >= 0; i--) {
        grads[2 * i] = tf.matMul(tf.transpose(inputs[i]), g);
        grads[2 * i + 1] = tf.sum(g, 0);
        if (i === 0) break;
        const da = tf.matMul(g, tf.transpose(this.params[2 * i] as tf.Tensor2D));
        const z = pre[i - 1];
        const s = tf.sigmoid(z);
        // SiLU'(z) = s (1 + z (1 - s))
        g = tf.mul(da, tf.mul(s, tf.add(tf.scalar(1), tf.mul(z, tf.sub(tf.scalar(1), s))))) as tf.Tensor2D;
      }
      this.adam(grads);
      return lossT;
    });
    const value = (await loss.data())[0];
    loss.dispose();
    return value;
  }

  /** PyTorch's Adam: p -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + ε). Runs inside the caller's tidy. */
  private adam(grads: tf.Tensor[]): void {
    this.step++;
    const { beta1, beta2, epsilon } = ADAM;
    const bc1 = 1 - Math.pow(beta1, this.step);
    const bc2 = 1 - Math.pow(beta2, this.step);
    const b1 = tf.scalar(beta1), c1 = tf.scalar(1 - beta1), b2 = tf.scalar(beta2), c2 = tf.scalar(1 - beta2);
    const stepSize = tf.scalar(this.spec.learningRate / bc1);
    const sqrtBc2 = tf.scalar(Math.sqrt(bc2));
    const eps = tf.scalar(epsilon);
    for (let i = 0; i < grads.length; i++) {
      const g = grads[i];
      const m = tf.add(tf.mul(this.m[i], b1), tf.mul(g, c1));
      const v = tf.add(tf.mul(this.v[i], b2), tf.mul(tf.square(g), c2));
      const denom = tf.add(tf.div(tf.sqrt(v), sqrtBc2), eps);
      this.params[i].assign(tf.sub(this.params[i], tf.mul(stepSize, tf.div(m, denom))));
      this.m[i].assign(m);
      this.v[i].assign(v);
    }
  }

  async predict(x: Float32Array, t: Float32Array): Promise<Float32Array> {
    this.assertLive();
    await useTfBackend(this.tfBackend);
    const n = t.length;
    const out = tf.tidy(() => this.forward(this.input(tf.tensor2d(x, [n, this.spec.dataDim]), tf.tensor2d(t, [n, 1]))).out);
    const data = (await out.data()) as Float32Array;
    out.dispose();
    return data;
  }

  async readState(): Promise<MlpState> {
    this.assertLive();
    const read = (vars: tf.Variable[]) => Promise.all(vars.map(async (v) => Float32Array.from(await v.data())));
    return { params: await read(this.params), m: await read(this.m), v: await read(this.v), step: this.step };
  }

  numTensors(): number {
    return tf.memory().numTensors;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of [...this.params, ...this.m, ...this.v]) v.dispose();
    this.freqs.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('This model has been disposed.');
  }
}

let nextId = 0;
