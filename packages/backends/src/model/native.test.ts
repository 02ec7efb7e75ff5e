import { describeNative } from './test-utils/describe-native.js';
import { nativeBackend } from '../backends/native-backend.js';
import { describeBackendContract } from '@flow-visualizer/core/testing';
import { NativeNet } from './native-net.js';

// The addon exists once the package is built (npm run build) on a machine with a C compiler.
describeNative('the MLP in C', () => {
  describeBackendContract('native', nativeBackend, { steps: 60 });

  it('stays finite when pre-activations fall far below -88 (expf overflow under -ffast-math gave NaN)', () => {
    const spec = { dataDim: 2, timeEmbedDim: 4, hiddenDims: [64], learningRate: 1e-3, seed: 0 };
    const net = new NativeNet(spec);
    const p = new Float32Array(net.layout.total);
    const [, b0, k1] = net.layout.offsets;
    for (let j = 0; j < 64; j++) p[b0 + j] = -100 - (j % 7) * 10;
    p.fill(0.1, k1, k1 + 128);
    const n = 32;
    const x = new Float32Array(2 * n).fill(1);
    expect(net.forward(p, x, 0.5).every(Number.isFinite)).toBe(true);
    const grad = new Float32Array(net.layout.total);
    expect(Number.isFinite(net.lossAndGrad(p, x, new Float32Array(n).fill(0.5), new Float32Array(2 * n), 0.1, grad))).toBe(true);
    expect(grad.every(Number.isFinite)).toBe(true);
  });
});
