import { registerTfBackend } from '../../backends/tfjs-runtime.js';
import { initialState } from '../state.js';
import { SMALL_SPEC, regressionBatches as batches } from '@flow-visualizer/core/testing';
import { MlpEngine } from '../engine.js';
import { WorkerPoolSource } from '../sources/worker-pool-source.js';
import { workerScript } from './threads.js';

beforeAll(() => registerTfBackend('wasm', () => import('@tensorflow/tfjs-backend-wasm')));

async function run(chunks: number, maxWorkers?: number) {
  const engine = new MlpEngine(SMALL_SPEC, initialState(SMALL_SPEC), await WorkerPoolSource.create(SMALL_SPEC, 'wasm', { chunks, maxWorkers }));
  const losses: number[] = [];
  for (const b of batches(6, 50)) losses.push(await engine.trainStep(b.x, b.t, b.target));
  const probe = batches(1, 1500, 9)[0];
  const pred = await engine.predict(probe.x, probe.t);
  const threads = engine.source.threads;
  engine.dispose();
  return { losses, pred, threads };
}

describe('data-parallel engine', () => {
  it('gives the same numbers with or without worker threads (chunks summed in a fixed order)', async () => {
    const alone = await run(2, 0);
    expect(alone.threads).toBe(1);
    const withWorkers = await run(2);
    // Workers come from the built package (dist); without a build this compares the main thread with itself.
    if (workerScript()) expect(withWorkers.threads).toBeGreaterThanOrEqual(1);
    expect(withWorkers.losses).toEqual(alone.losses);
    expect(Array.from(withWorkers.pred)).toEqual(Array.from(alone.pred));
  });

  it('one chunk is plain full-batch training, close to two chunks', async () => {
    const one = await run(1);
    const two = await run(2, 0);
    one.losses.forEach((l, i) => expect(Math.abs(l - two.losses[i])).toBeLessThan(1e-4 * Math.max(1, l)));
  });

  it('handles batches smaller than the number of chunks', async () => {
    const engine = new MlpEngine(SMALL_SPEC, initialState(SMALL_SPEC), await WorkerPoolSource.create(SMALL_SPEC, 'wasm', { chunks: 3 }));
    const b = batches(1, 2)[0];
    expect(Number.isFinite(await engine.trainStep(b.x, b.t, b.target))).toBe(true);
    engine.dispose();
  });
});
