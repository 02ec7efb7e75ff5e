import { isFvError } from '@flow-visualizer/core';
import { mean, regressionBatches as batches } from '@flow-visualizer/core/testing';
import { browserCpuBackend } from './cpu-backend.js';


// The browser backend's model in Node (its run in Chromium is the cli's pipeline.browser test): it learns, and a
// file operation is a clear USAGE error rather than a crash on a missing `fs`.
describe('browser cpu backend', () => {
  const spec = { dataDim: 2, timeEmbedDim: 4, hiddenDims: [16, 16], learningRate: 5e-3, seed: 2 };

  it('loads, and lowers the loss on a simple target', async () => {
    const backend = browserCpuBackend();
    expect(await backend.probe()).toMatchObject({ ok: true });
    const model = await backend.createModel(spec);
    const losses: number[] = [];
    for (const b of batches(60)) losses.push(await model.trainStep(b));
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(mean(losses.slice(-12))).toBeLessThan(0.5 * mean(losses.slice(0, 12)));
    const v = await model.predict(batches(1)[0].x, 0.5);
    expect(v.length).toBe(128);
    model.dispose();
  });

  it('says plainly that saving and loading a model folder need Node', async () => {
    const backend = browserCpuBackend();
    const model = await backend.createModel(spec);
    const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e) => (isFvError(e) ? e.code : String(e)));
    expect(await codeOf(model.save('/tmp/nowhere'))).toBe('USAGE');
    expect(await codeOf(backend.loadModel('/tmp/nowhere'))).toBe('USAGE');
    model.dispose();
  });
});
