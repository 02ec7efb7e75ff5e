import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ModelSpec, VelocityBackend } from '@flow-visualizer/core';
import { SMALL_SPEC, batches, mean } from './batches.js';

/**
 * The behaviour every backend's model must show, run against real tfjs: learning, flat tensor count,
 * determinism, exact save/load and exact resume.
 */
export function describeModelBehaviour(name: string, makeBackend: () => VelocityBackend, opts: { steps: number; spec?: ModelSpec }): void {
  const spec = opts.spec ?? SMALL_SPEC;
  describe(`MLP velocity model on ${name}`, () => {
    const backend = makeBackend();
    let dir: string;
    beforeAll(async () => {
      expect((await backend.probe()).ok).toBe(true);
      dir = mkdtempSync(path.join(tmpdir(), `fv-backends-${name}-`));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('lowers the loss on a simple target', async () => {
      const model = await backend.createModel(spec);
      const losses: number[] = [];
      for (const b of batches(opts.steps)) losses.push(await model.trainStep(b));
      const k = Math.max(3, Math.floor(opts.steps / 5));
      expect(mean(losses.slice(-k))).toBeLessThan(0.5 * mean(losses.slice(0, k)));
      expect(losses.every(Number.isFinite)).toBe(true);
      model.dispose();
    });

    it('keeps the tensor count flat across train steps and predictions, and frees all on dispose', async () => {
      const first = await backend.createModel(spec);
      first.dispose();
      const before = first.numTensors(); // tf.memory().numTensors with no model of ours alive
      const model = await backend.createModel(spec);
      const bs = batches(12);
      await model.trainStep(bs[0]);
      await model.predict(bs[0].x, 0.5);
      const start = model.numTensors();
      for (const b of bs) {
        await model.trainStep(b);
        await model.predict(b.x, b.t);
        await model.predict(b.x, 0.25);
      }
      expect(model.numTensors()).toBe(start);
      model.dispose();
      expect(model.numTensors()).toBe(before);
    });

    it('gives the same loss history for the same seed, and another for another seed', async () => {
      const run = async (seed: number) => {
        const model = await backend.createModel({ ...spec, seed });
        const out: number[] = [];
        for (const b of batches(8)) out.push(await model.trainStep(b));
        model.dispose();
        return out;
      };
      const a = await run(3);
      expect(await run(3)).toEqual(a);
      expect(await run(4)).not.toEqual(a);
    });

    it('predicts identically after save and load', async () => {
      const model = await backend.createModel(spec);
      for (const b of batches(5)) await model.trainStep(b);
      const probe = batches(1, 50, 99)[0];
      const want = await model.predict(probe.x, probe.t);
      await model.save(path.join(dir, 'saved'));
      const loaded = await backend.loadModel(path.join(dir, 'saved'));
      expect(loaded.spec).toEqual({ ...spec, hiddenDims: [...spec.hiddenDims] });
      expect(Array.from(await loaded.predict(probe.x, probe.t))).toEqual(Array.from(want));
      // Saving over an existing model replaces it whole.
      await model.trainStep(probe);
      await model.save(path.join(dir, 'saved'));
      const again = await backend.loadModel(path.join(dir, 'saved'));
      expect(Array.from(await again.predict(probe.x, 0.3))).toEqual(Array.from(await model.predict(probe.x, 0.3)));
      for (const m of [model, loaded, again]) m.dispose();
    });

    it('resumes from the saved Adam state exactly as uninterrupted training', async () => {
      const bs = batches(10, 64, 5);
      const full = await backend.createModel(spec);
      const fullLosses: number[] = [];
      for (const b of bs) fullLosses.push(await full.trainStep(b));

      const first = await backend.createModel(spec);
      for (const b of bs.slice(0, 4)) await first.trainStep(b);
      await first.save(path.join(dir, 'resume'));
      first.dispose();
      const resumed = await backend.loadModel(path.join(dir, 'resume'));
      const rest: number[] = [];
      for (const b of bs.slice(4)) rest.push(await resumed.trainStep(b));
      expect(rest).toEqual(fullLosses.slice(4));
      full.dispose();
      resumed.dispose();
    });
  });
}
