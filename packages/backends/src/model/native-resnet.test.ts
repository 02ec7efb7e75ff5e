import { describeNative } from './test-utils/describe-native.js';
import { createRng, type ModelSpec } from '@flow-visualizer/core';
import { nativeBackend } from '../backends/native-backend.js';
import { wasmBackend } from '../backends/tfjs-backends.js';
import { registerTfBackend, useTfBackend } from '../backends/tfjs-runtime.js';
import { describeBackendContract } from '@flow-visualizer/core/testing';
import { RES_SPEC, regressionBatches } from '@flow-visualizer/core/testing';
import { NativeResNet } from './native-resnet.js';
import { TfjsResNet } from './tfjs-resnet.js';

// The residual MLP in C (native/fv_resmlp.c): the contract suite, and the same numbers as the tfjs residual MLP.
describeNative('the residual MLP in C', () => {
  describeBackendContract('native (resmlp)', nativeBackend, { steps: 60, spec: RES_SPEC, optimCombos: 'some' });

  describe('native residual MLP against tfjs-wasm', () => {
    const spec: ModelSpec = { ...RES_SPEC, width: 66, nBlocks: 4 };
    beforeAll(async () => {
      await registerTfBackend('wasm', () => import('@tensorflow/tfjs-backend-wasm'));
      await useTfBackend('wasm');
    });

    it('gives the same loss, gradient and prediction for the same weights, in one part or four', async () => {
      const c = new NativeResNet(spec);
      const w = await TfjsResNet.create(spec, 'wasm');
      const p = createRng(2, 'weights').fillNormal(new Float32Array(c.layout.total), 0, 0.15);
      const b = regressionBatches(1, 100, 4)[0];
      const gc = new Float32Array(c.layout.total), gc4 = new Float32Array(c.layout.total), gw = new Float32Array(c.layout.total);
      const sc = c.lossAndGrad(p, b.x, b.t, b.target, 0.01, gc);
      const sc4 = c.lossAndGrad(p, b.x, b.t, b.target, 0.01, gc4, 4);
      const sw = w.lossAndGrad(p, b.x, b.t, b.target, 0.01, gw);
      expect(Math.abs(sc - sw) / sw).toBeLessThan(1e-5);
      expect(Math.abs(sc4 - sw) / sw).toBeLessThan(1e-5);
      const scale = gw.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      for (const g of [gc, gc4]) g.forEach((v, i) => expect(Math.abs(v - gw[i])).toBeLessThan(1e-5 * scale));
      for (const t of [b.t, 0.3] as const) {
        const vc = c.forward(p, b.x, t), vw = w.forward(p, b.x, t);
        vc.forEach((v, i) => expect(Math.abs(v - vw[i])).toBeLessThan(1e-5 * (1 + Math.abs(vw[i]))));
      }
      w.dispose();
    });

    it('trains along the same loss curve as wasm (AdamW, clipping, linear decay)', async () => {
      const s: ModelSpec = { ...spec, optimizer: { kind: 'adamw', weightDecay: 0.01, gradClip: 1, schedule: 'linear_decay', warmupSteps: 0, totalSteps: 20 } };
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
