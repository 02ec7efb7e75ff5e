import { createRng } from '@flow-visualizer/core';
import { registerTfBackend, useTfBackend } from '../backends/tfjs-runtime.js';
import { flatLayout } from './flat.js';
import { createTfjsNet } from './nets.js';
import { createNativeNet } from './native-nets.js';
import { addonPath } from './native-net.js';
import type { MlpNet } from './net.js';
import { initialState } from './state.js';
import { RES_SPEC, regressionBatches } from '@flow-visualizer/core/testing';

/**
 * The residual MLP's mean squared error in float64, written from its definition and nothing of the model's code:
 * h = [x, sin(kπt), cos(kπt)] (k = 1…5 for width 12), h ← h + SiLU(h·W_b) per block, v = h·W_out + b_out.
 * Parameter order: block kernels [w×w] row-major, output kernel [w×2], output bias [2].
 */
function resLossF64(p: Float64Array, x: Float32Array, t: Float32Array, y: Float32Array, w = 12, blocks = 3): number {
  let total = 0;
  for (let r = 0; r < t.length; r++) {
    const half = (w - 2) / 2;
    let h = [x[2 * r], x[2 * r + 1]];
    for (let k = 1; k <= half; k++) h.push(Math.sin(k * Math.PI * t[r]));
    for (let k = 1; k <= half; k++) h.push(Math.cos(k * Math.PI * t[r]));
    for (let b = 0; b < blocks; b++) {
      const W = b * w * w;
      h = h.map((hi, o) => {
        let z = 0;
        for (let k = 0; k < w; k++) z += h[k] * p[W + k * w + o];
        return hi + z / (1 + Math.exp(-z));
      });
    }
    const Wo = blocks * w * w, bo = Wo + 2 * w;
    for (let o = 0; o < 2; o++) {
      let v = p[bo + o];
      for (let k = 0; k < w; k++) v += h[k] * p[Wo + k * 2 + o];
      total += (v - y[2 * r + o]) ** 2;
    }
  }
  return total / (2 * t.length);
}

describe('residual MLP parameters and start', () => {
  it('has block kernels without bias, then the output kernel and bias; the output starts at zero, the blocks at N(0, 0.02²/width)', () => {
    const layout = flatLayout(RES_SPEC);
    expect(layout.infos.map((p) => [p.name, p.shape])).toEqual([
      ['block_0/kernel', [12, 12]], ['block_1/kernel', [12, 12]], ['block_2/kernel', [12, 12]], ['output/kernel', [12, 2]], ['output/bias', [2]],
    ]);
    const big = initialState({ ...RES_SPEC, width: 402, nBlocks: 1 }).params;
    const k = big[0];
    const std = Math.sqrt(k.reduce((s, v) => s + v * v, 0) / k.length);
    expect(std).toBeCloseTo(0.02 / Math.sqrt(402), 5);
    expect(big[1].every((v) => v === 0) && big[2].every((v) => v === 0)).toBe(true);
  });
});

const kinds: ('cpu' | 'wasm' | 'native')[] = ['cpu', 'wasm', ...(addonPath() ? (['native'] as const) : [])];

describe.each(kinds)('residual MLP backward pass on %s', (backend) => {
  beforeAll(async () => {
    if (backend === 'native') return;
    await registerTfBackend(backend, () => (backend === 'wasm' ? import('@tensorflow/tfjs-backend-wasm') : import('@tensorflow/tfjs-backend-cpu')));
    await useTfBackend(backend);
  });

  it('gives the loss and gradient of the float64 reference (finite differences), and one time for all points is per-point times', async () => {
    const net: MlpNet = backend === 'native' ? createNativeNet(RES_SPEC) : await createTfjsNet(RES_SPEC, backend);
    // Random weights of a visible size everywhere: at the real start the zero output layer hides the blocks' gradients.
    const flat = createRng(9, 'res-params').fillNormal(new Float32Array(net.layout.total), 0, 0.4);
    const b = regressionBatches(1, 20)[0];
    const grad = new Float32Array(net.layout.total);
    const sse = net.lossAndGrad(flat, b.x, b.t, b.target, 2 / 40, grad);
    const p64 = Float64Array.from(flat);
    expect(sse / 40).toBeCloseTo(resLossF64(p64, b.x, b.t, b.target), 4);
    const rng = createRng(4, 'coords');
    const coords = [...net.layout.offsets, ...Array.from({ length: 30 }, () => rng.int(net.layout.total))];
    for (const k of coords) {
      const h = 1e-5;
      const keep = p64[k];
      p64[k] = keep + h;
      const up = resLossF64(p64, b.x, b.t, b.target);
      p64[k] = keep - h;
      const down = resLossF64(p64, b.x, b.t, b.target);
      p64[k] = keep;
      const fd = (up - down) / (2 * h);
      expect([k, Math.abs(grad[k] - fd) < 1e-4 + 1e-3 * Math.abs(fd)]).toEqual([k, true]);
    }
    const same = net.forward(flat, b.x, new Float32Array(20).fill(0.37));
    const fast = net.forward(flat, b.x, 0.37);
    same.forEach((v, i) => expect(Math.abs(fast[i] - v)).toBeLessThan(1e-5 * (1 + Math.abs(v))));
    net.dispose();
  });
});
