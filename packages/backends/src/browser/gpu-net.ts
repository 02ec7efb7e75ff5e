import type { ModelSpec } from '@flow-visualizer/core';
import { tf, useTfBackend, type TfBackendName } from '../backends/tfjs-runtime.js';
import { flatLayout, type FlatLayout } from '../model/flat.js';
import type { AsyncMlpNet } from '../model/net.js';
import { layerShapes, type LayerShape } from '../model/spec.js';
import { forwardLayers, TfjsNet } from '../model/tfjs-net.js';

/**
 * TfjsNet's arithmetic (same layers, SiLU, time embedding, mean squared error and hand-written backward pass) laid
 * out for a GPU backend (webgl, webgpu): the whole step stays on the device and the loss and gradient come back in
 * one asynchronous read. TfjsNet reads activations back mid-pass to transpose them in JavaScript, which suits wasm;
 * on a GPU each read is a stall, and in a Web Worker WebGPU cannot read synchronously at all (it returns zeros).
 * Here transposes are the matMul's own flags and bias gradients a column sum on the device.
 */
export class GpuNet implements AsyncMlpNet {
  readonly layout: FlatLayout;
  private readonly layers: LayerShape[];
  /** Input embedding and forward pass (the sampling fast path included) are TfjsNet's own. */
  private readonly base: TfjsNet;

  private constructor(readonly spec: ModelSpec, readonly tfBackend: TfBackendName) {
    this.layout = flatLayout(spec);
    this.layers = layerShapes(spec);
    this.base = new TfjsNet(spec, tfBackend);
  }

  static async create(spec: ModelSpec, tfBackend: TfBackendName): Promise<GpuNet> {
    await useTfBackend(tfBackend);
    return new GpuNet(spec, tfBackend);
  }

  async lossAndGrad(params: Float32Array, x: Float32Array, t: Float32Array, target: Float32Array, scale: number, grad: Float32Array): Promise<number> {
    const n = t.length;
    const L = this.layers.length;
    // [sse, dW0, db0, dW1, db1, …]: the gradient in the flat layout's order behind the loss, read in one go.
    const packed = tf.tidy(() => {
      const all = tf.tensor1d(params);
      const kernel = (i: number) => tf.reshape(tf.slice(all, this.layout.offsets[2 * i], this.layers[i].inDim * this.layers[i].outDim), [this.layers[i].inDim, this.layers[i].outDim]) as tf.Tensor2D;
      const bias = (i: number) => tf.slice(all, this.layout.offsets[2 * i + 1], this.layers[i].outDim) as tf.Tensor1D;
      const ws: tf.Tensor2D[] = [];
      const { hs, ss, h } = forwardLayers(this.base.input(x, t), L, (i) => (ws[i] = kernel(i)), bias);
      const diff = tf.sub(h, tf.tensor2d(target, [n, this.spec.dataDim]));
      const parts: tf.Tensor[] = [tf.reshape(tf.sum(tf.square(diff)), [1])];
      let g = tf.mul(diff, tf.scalar(scale)) as tf.Tensor2D;
      const grads: tf.Tensor[] = [];
      for (let i = L - 1; i >= 0; i--) {
        grads.unshift(tf.reshape(tf.matMul(hs[i], g, true, false), [-1]), tf.sum(g, 0));
        if (i === 0) break;
        const da = tf.matMul(g, ws[i], false, true);
        // SiLU'(z) = s (1 + z (1 - s)) = s + h - h s, with s = sigmoid(z) and h = z s from the forward pass.
        const s = ss[i - 1], a = hs[i];
        g = tf.mul(da, tf.sub(tf.add(s, a), tf.mul(a, s)));
      }
      return tf.concat([...parts, ...grads]);
    });
    try {
      const data = (await packed.data()) as Float32Array;
      grad.set(data.subarray(1));
      return data[0];
    } finally {
      packed.dispose();
    }
  }

  async forward(params: Float32Array, x: Float32Array, t: Float32Array | number): Promise<Float32Array> {
    const out = this.base.forwardTensor(params, x, t);
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  }

  dispose(): void {
    this.base.dispose();
  }
}
