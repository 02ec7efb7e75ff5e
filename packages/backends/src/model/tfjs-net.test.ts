import { createRng } from '@flow-visualizer/core';
import { registerTfBackend, useTfBackend } from '../backends/tfjs-runtime.js';
import { initialState } from './state.js';
import { flatten } from './flat.js';
import { TfjsNet } from './tfjs-net.js';
import { NativeNet, addonPath } from './native-net.js';
import type { MlpNet } from './net.js';
import { SMALL_SPEC, regressionBatches as batches } from '@flow-visualizer/core/testing';
import { layerShapes, timeFrequencies } from './spec.js';

/** The network's mean squared error in plain float64 JavaScript: an independent reference. */
function lossF64(flat: Float64Array, x: Float32Array, t: Float32Array, y: Float32Array): number {
  const f = timeFrequencies(SMALL_SPEC.timeEmbedDim);
  const layers = layerShapes(SMALL_SPEC);
  let total = 0;
  for (let r = 0; r < t.length; r++) {
    let h = [x[2 * r], x[2 * r + 1], ...Array.from(f, (fk) => Math.sin(t[r] * fk)), ...Array.from(f, (fk) => Math.cos(t[r] * fk))];
    let off = 0;
    layers.forEach(({ inDim, outDim }, i) => {
      const z = new Array(outDim).fill(0);
      for (let o = 0; o < outDim; o++) {
        let s = flat[off + inDim * outDim + o];
        for (let k = 0; k < inDim; k++) s += h[k] * flat[off + k * outDim + o];
        z[o] = i === layers.length - 1 ? s : s / (1 + Math.exp(-s));
      }
      off += inDim * outDim + outDim;
      h = z;
    });
    total += (h[0] - y[2 * r]) ** 2 + (h[1] - y[2 * r + 1]) ** 2;
  }
  return total / (2 * t.length);
}

// The C addon is checked too when it is built (npm run build); native.test.ts covers the unbuilt case.
const kinds: ('cpu' | 'wasm' | 'native')[] = ['cpu', 'wasm', ...(addonPath() ? (['native'] as const) : [])];

describe.each(kinds)('hand-written backward pass on %s', (backend) => {
  beforeAll(async () => {
    if (backend === 'native') return;
    await registerTfBackend(backend, () => (backend === 'wasm' ? import('@tensorflow/tfjs-backend-wasm') : import('@tensorflow/tfjs-backend-cpu')));
    await useTfBackend(backend);
  });

  it('gives the loss and the gradient of the mean squared error (vs float64 finite differences)', async () => {
    const net: MlpNet = backend === 'native' ? new NativeNet(SMALL_SPEC) : await TfjsNet.create(SMALL_SPEC, backend);
    const flat = flatten(net.layout, initialState(SMALL_SPEC).params);
    const b = batches(1, 24)[0];
    const grad = new Float32Array(net.layout.total);
    const sse = net.lossAndGrad(flat, b.x, b.t, b.target, 2 / (24 * 2), grad);
    const p64 = Float64Array.from(flat);
    expect(sse / 48).toBeCloseTo(lossF64(p64, b.x, b.t, b.target), 5);
    const rng = createRng(3, 'coords');
    // Every parameter array at least once, then random coordinates.
    const coords = [...net.layout.offsets, ...Array.from({ length: 24 }, () => rng.int(net.layout.total))];
    for (const k of coords) {
      const h = 1e-5;
      const keep = p64[k];
      p64[k] = keep + h;
      const up = lossF64(p64, b.x, b.t, b.target);
      p64[k] = keep - h;
      const down = lossF64(p64, b.x, b.t, b.target);
      p64[k] = keep;
      const fd = (up - down) / (2 * h);
      expect(Math.abs(grad[k] - fd)).toBeLessThan(1e-4 + 1e-3 * Math.abs(fd));
    }
    const pred = net.forward(flat, b.x, b.t);
    expect(pred.length).toBe(48);
    // One time for all points (the sampling path, which folds the time embedding into the first bias).
    const same = net.forward(flat, b.x, new Float32Array(24).fill(0.37));
    const fast = net.forward(flat, b.x, 0.37);
    same.forEach((v, i) => expect(Math.abs(fast[i] - v)).toBeLessThan(1e-5 * (1 + Math.abs(v))));
    net.dispose();
  });
});
