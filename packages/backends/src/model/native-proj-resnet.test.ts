import { describeNative } from './test-utils/describe-native.js';
import { createRng, type ModelSpec } from '@flow-visualizer/core';
import { RESNET_SPEC, describeBackendContract, regressionBatches } from '@flow-visualizer/core/testing';
import { nativeBackend } from '../backends/native-backend.js';
import { wasmBackend } from '../backends/tfjs-backends.js';
import { registerTfBackend, useTfBackend } from '../backends/tfjs-runtime.js';
import { NativeProjResNet } from './native-proj-resnet.js';
import { TfjsProjResNet } from './tfjs-proj-resnet.js';

// model.architecture=resnet in C (native/fv_proj_resnet.c, fv_gelu.c): the contract suite, and the numbers of
// the tfjs net (whose own check against a float64 reference is in tfjs-proj-resnet.test.ts).
describeNative('the resnet in C', () => {
  describeBackendContract('native (resnet)', nativeBackend, { steps: 60, spec: RESNET_SPEC, optimCombos: 'some' });

  describe('native resnet against tfjs-wasm', () => {
    beforeAll(async () => {
      await registerTfBackend('wasm', () => import('@tensorflow/tfjs-backend-wasm'));
      await useTfBackend('wasm');
    });

    it.each(['gelu', 'silu'] as const)('gives the same loss, gradient and prediction with %s, in one part or four', async (activation) => {
      const spec: ModelSpec = { ...RESNET_SPEC, width: 32, nBlocks: 3, expansion: 4, activation };
      const c = new NativeProjResNet(spec);
      const w = await TfjsProjResNet.create(spec, 'wasm');
      const p = createRng(2, 'weights').fillNormal(new Float32Array(c.layout.total), 0, 0.15);
      const b = regressionBatches(1, 100, 4)[0];
      const gc = new Float32Array(c.layout.total), gc4 = new Float32Array(c.layout.total), gw = new Float32Array(c.layout.total);
      const sc = c.lossAndGrad(p, b.x, b.t, b.target, 0.01, gc);
      const sc4 = c.lossAndGrad(p, b.x, b.t, b.target, 0.01, gc4, 4);
      const sw = w.lossAndGrad(p, b.x, b.t, b.target, 0.01, gw);
      expect(Math.abs(sc - sw) / sw).toBeLessThan(1e-5);
      expect(Math.abs(sc4 - sw) / sw).toBeLessThan(1e-5);
      const scale = gw.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      for (const g of [gc, gc4]) expect(g.reduce((m, v, i) => Math.max(m, Math.abs(v - gw[i])), 0)).toBeLessThan(1e-5 * scale);
      for (const t of [b.t, 0.3] as const) {
        const vc = c.forward(p, b.x, t), vw = w.forward(p, b.x, t);
        vc.forEach((v, i) => expect(Math.abs(v - vw[i])).toBeLessThan(1e-5 * (1 + Math.abs(vw[i]))));
      }
      w.dispose();
    });

    it('trains along the same loss curve as wasm, its whole step in one C call', async () => {
      const s: ModelSpec = { ...RESNET_SPEC, width: 32, expansion: 4 };
      const run = async (backend: typeof wasmBackend) => {
        const m = await backend().createModel(s);
        const out: number[] = [];
        for (const b of regressionBatches(20, 128, 6)) out.push(await m.trainStep(b));
        m.dispose();
        return out;
      };
      const c = await run(nativeBackend), w = await run(wasmBackend);
      c.forEach((l, i) => expect(Math.abs(l - w[i])).toBeLessThan(1e-4 * w[i]));
      expect(c[19]).toBeLessThan(0.9 * c[0]); // and it learns
    });
  });
});
