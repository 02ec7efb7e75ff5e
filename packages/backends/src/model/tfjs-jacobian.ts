import type { ModelSpec, VelocityJacobian } from '@flow-visualizer/core';
import { tf } from '../backends/tfjs-runtime.js';
import type { FlatLayout } from './flat.js';
import { inputDimOf, layerShapes, timeFrequencies } from './spec.js';

/**
 * v(x, t) and ∂v/∂x of the MLP on the current tfjs backend, at one time for all points: the forward pass carries
 * d tangents beside the activations (forward-mode, the analytic Jacobian: one Jacobian-vector product per input
 * direction, exact, about (1 + d)× a forward pass). Layer 0's tangent along x_j is row j of its kernel; a hidden
 * layer multiplies it by SiLU'(z) = s + h − h·s; the output layer's tangents are the Jacobian's columns.
 */
export function tfjsMlpJacobian(spec: ModelSpec, layout: FlatLayout, params: Float32Array, x: Float32Array, t: number, dx?: Float32Array): VelocityJacobian {
  const layers = layerShapes(spec);
  const freqs = timeFrequencies(spec.timeEmbedDim);
  // A row of x is what the net reads: the point (or its Fourier features), then a conditional model's condition.
  const d = spec.dataDim, row = inputDimOf(spec), n = x.length / row, L = layers.length, half = freqs.length;
  const k0 = layout.offsets[0], b0 = layout.offsets[1], o1 = layers[0].outDim;
  // The time embedding's share of layer 0 is the same for every point: folded into its bias, as TfjsNet.forward does.
  const c = Float32Array.from(params.subarray(b0, b0 + o1));
  for (let k = 0; k < half; k++) {
    const a = t * freqs[k];
    const sin = Math.fround(Math.sin(a)), cos = Math.fround(Math.cos(a));
    const rs = k0 + (row + k) * o1, rc = k0 + (row + half + k) * o1;
    for (let o = 0; o < o1; o++) c[o] += sin * params[rs + o] + cos * params[rc + o];
  }
  const [vData, tanData] = tf.tidy(() => {
    const w0 = tf.tensor2d(params.subarray(k0, k0 + row * o1), [row, o1]);
    let z = tf.fused.matMul({ a: tf.tensor2d(x, [n, row]), b: w0, bias: tf.tensor1d(c) }) as tf.Tensor2D;
    // d tangents stacked as d·n rows: block j holds ∂z/∂x_j: row j of W0 for every point, or with Fourier features
    // the seeds dx (∂row/∂x_j, point-major, 0 on the condition), reordered to block j, times W0.
    const dz0 = dx
      ? tf.matMul(tf.reshape(tf.transpose(tf.tensor3d(dx, [n, d, row]), [1, 0, 2]), [d * n, row]) as tf.Tensor2D, w0)
      : tf.reshape(tf.tile(tf.reshape(tf.slice(w0, [0, 0], [d, o1]), [d, 1, o1]), [1, n, 1]), [d * n, o1]);
    let dz = dz0 as tf.Tensor2D;
    for (let i = 1; i < L; i++) {
      const s = tf.sigmoid(z);
      const h = tf.mul(z, s);
      const dAct = tf.sub(tf.add(s, h), tf.mul(h, s)); // SiLU'(z)
      const dh = tf.reshape(tf.mul(tf.reshape(dz, [d, n, -1]), dAct), [d * n, -1]) as tf.Tensor2D;
      const { inDim, outDim } = layers[i];
      const ko = layout.offsets[2 * i], bo = layout.offsets[2 * i + 1];
      const w = tf.tensor2d(params.subarray(ko, ko + inDim * outDim), [inDim, outDim]);
      z = tf.fused.matMul({ a: h as tf.Tensor2D, b: w, bias: tf.tensor1d(params.subarray(bo, bo + outDim)) }) as tf.Tensor2D;
      dz = tf.matMul(dh, w);
    }
    return [z.dataSync() as Float32Array, dz.dataSync() as Float32Array];
  });
  // tangent block j, row p, output k is ∂v_k/∂x_j at point p.
  const jac = new Float32Array(n * d * d);
  for (let j = 0; j < d; j++) for (let p = 0; p < n; p++) for (let k = 0; k < d; k++) jac[p * d * d + k * d + j] = tanData[(j * n + p) * d + k];
  return { v: Float32Array.from(vData), jac };
}
