import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { VelocityBackend } from '../ports/backend.js';
import type { ModelSpec } from '../ports/velocity-model.js';
import { SMALL_SPEC, batches, mean } from './backend-batches.js';

/**
 * The contract every VelocityBackend's model keeps, as a Jest suite: learning, flat tensor count, determinism,
 * exact save/load and exact resume. Run it from a test file:
 * `describeBackendContract('cpu', cpuBackend, { steps: 60 })`.
 */
export function describeBackendContract(
  name: string,
  makeBackend: () => VelocityBackend,
  opts: { steps: number; spec?: ModelSpec; /** all 12 optimiser combinations (default), or 3 that use each option once */ optimCombos?: 'all' | 'some' },
): void {
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

    it('resumes exactly with every optimiser option (adam/adamw, clipping, each schedule with warm-up), each of which changes training', async () => {
      const bs = batches(9, 64, 21);
      const histories = new Map<string, number[]>();
      const all = (['adam', 'adamw'] as const).flatMap((kind) =>
        [0, 0.05].flatMap((gradClip) => (['constant', 'linear_decay', 'cosine'] as const).map((schedule) => ({ kind, gradClip, schedule }))),
      );
      const some = [all[1], all[11], all[6]]; // adam/no clip/linear, adamw/clip/cosine, adamw/no clip/constant
      for (const { kind, gradClip, schedule } of opts.optimCombos === 'some' ? some : all) {
        const s: ModelSpec = { ...spec, optimizer: { kind, weightDecay: 0.05, gradClip, schedule, warmupSteps: 3, totalSteps: 9 } };
        const full = await backend.createModel(s);
        const fullLosses: number[] = [];
        for (const b of bs) fullLosses.push(await full.trainStep(b));
        full.dispose();
        const first = await backend.createModel(s);
        for (const b of bs.slice(0, 5)) await first.trainStep(b);
        await first.save(path.join(dir, 'resume-optim'));
        first.dispose();
        const resumed = await backend.loadModel(path.join(dir, 'resume-optim'));
        expect(resumed.spec).toEqual({ ...s, hiddenDims: [...s.hiddenDims] });
        const rest: number[] = [];
        for (const b of bs.slice(5)) rest.push(await resumed.trainStep(b));
        resumed.dispose();
        expect([kind, gradClip, schedule, rest]).toEqual([kind, gradClip, schedule, fullLosses.slice(5)]);
        histories.set(`${kind}/${gradClip}/${schedule}`, fullLosses);
      }
      // Every option changes the numbers (so none is silently ignored).
      const distinct = new Set([...histories.values()].map((h) => h.join(',')));
      expect(distinct.size).toBe(histories.size);
    });

    it('with a moving average: trains the same, predicts with the average, saves it as the weights, resumes exactly', async () => {
      const ema = { ...spec, emaDecay: 0.9 };
      const bs = batches(8, 64, 11);
      const probe = batches(1, 40, 12)[0];
      const plain = await backend.createModel(spec);
      const averaged = await backend.createModel(ema);
      const plainLosses: number[] = [], emaLosses: number[] = [];
      for (const b of bs.slice(0, 5)) {
        plainLosses.push(await plain.trainStep(b));
        emaLosses.push(await averaged.trainStep(b));
      }
      // The average never feeds back into training...
      expect(emaLosses).toEqual(plainLosses);
      // ...but it is what predicts.
      const rawOut = await plain.predict(probe.x, probe.t);
      const emaOut = await averaged.predict(probe.x, probe.t);
      expect(Array.from(emaOut)).not.toEqual(Array.from(rawOut));

      await averaged.save(path.join(dir, 'ema'));
      const json = JSON.parse(readFileSync(path.join(dir, 'ema', 'model.json'), 'utf8'));
      const names: string[] = json.weightsManifest[0].weights.map((w: { name: string }) => w.name);
      const nParams = names.filter((n) => !n.startsWith('optimizer/')).length;
      expect(names.filter((n) => n.startsWith('optimizer/params/'))).toHaveLength(nParams);
      expect(json.modelTopology.config.emaDecay).toBe(0.9);

      // The same files read as a plain model (no average, first group only) predict what the averaged model does:
      // the saved weights are the average.
      const weights = readFileSync(path.join(dir, 'ema', 'weights.bin'));
      const groupBytes = weights.byteLength / 4;
      const asPlain = (group: number) => {
        const j = structuredClone(json);
        delete j.modelTopology.config.emaDecay;
        j.weightsManifest[0].weights = j.weightsManifest[0].weights.slice(0, 3 * nParams);
        return { j, bytes: Buffer.concat([weights.subarray(group * groupBytes, (group + 1) * groupBytes), weights.subarray(groupBytes, 3 * groupBytes)]) };
      };
      for (const [group, want] of [[0, emaOut], [3, rawOut]] as const) {
        const { j, bytes } = asPlain(group);
        const to = path.join(dir, `plain-${group}`);
        await plain.save(to); // a model folder, whose files are then replaced by hand
        writeFileSync(path.join(to, 'model.json'), JSON.stringify(j));
        writeFileSync(path.join(to, 'weights.bin'), bytes);
        const m = await backend.loadModel(to);
        expect(Array.from(await m.predict(probe.x, probe.t))).toEqual(Array.from(want));
        m.dispose();
      }

      // A large prediction (split over worker threads where the backend has them) uses the average too, and
      // leaves the raw weights in place for training (checked by the resume below).
      const big = batches(1, 2100, 13)[0];
      const whole = await averaged.predict(big.x, 0.4);
      let worst = 0;
      for (let a = 0; a < 2100; a += 300) {
        const part = await averaged.predict(big.x.subarray(2 * a, 2 * (a + 300)), 0.4);
        part.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - whole[2 * a + i]))));
      }
      expect(worst).toBeLessThan(1e-5);

      // Resuming keeps training the raw weights and the average where they were.
      const resumed = await backend.loadModel(path.join(dir, 'ema'));
      expect(Array.from(await resumed.predict(probe.x, probe.t))).toEqual(Array.from(emaOut));
      for (const b of bs.slice(5)) {
        expect(await resumed.trainStep(b)).toEqual(await averaged.trainStep(b));
      }
      expect(Array.from(await resumed.predict(probe.x, 0.7))).toEqual(Array.from(await averaged.predict(probe.x, 0.7)));
      for (const m of [plain, averaged, resumed]) m.dispose();
    });
  });
}
