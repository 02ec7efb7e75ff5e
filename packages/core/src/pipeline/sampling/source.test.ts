import { createRng } from '../../rng.js';
import type { Dataset } from '../../ports/dataset.js';
import type { Integrator } from '../../ports/integrator.js';
import type { VelocityModel } from '../../ports/velocity-model.js';
import { drawEpochBatches } from '../training/epoch-batches.js';
import { generate } from './sample.js';
import { datasetSource, standardGaussianSource } from './source.js';

// A source dataset that puts every point on one of two marks, so that a point's origin is plain to see.
const marks: Dataset = { id: 'marks', sample: (n, rng) => Float32Array.from({ length: 2 * n }, (_, i) => (i & 1 ? 0 : rng.next() < 0.5 ? -7 : 7)) };
const onMark = (x: Float32Array) => x.every((v, i) => (i & 1 ? v === 0 : v === -7 || v === 7));

describe('the source: where the flow starts', () => {
  it('sampling starts on the source: a still field leaves every point where the source put it', async () => {
    const still = { predict: async (x: Float32Array) => new Float32Array(x.length) } as unknown as VelocityModel;
    const euler: Integrator = {
      id: 'euler',
      async integrate(field, x0, { steps }) {
        const x = Float32Array.from(x0);
        for (let k = 0; k < steps; k++) {
          const v = await field(x, k / steps);
          for (let i = 0; i < x.length; i++) x[i] += v[i] / steps;
        }
        return { x, nfe: steps, snapshots: [] };
      },
    };
    const fromMarks = await generate(still, euler, { n: 50, steps: 3, rng: createRng(1), source: datasetSource(marks) });
    expect(onMark(fromMarks.x)).toBe(true);
    const fromNoise = await generate(still, euler, { n: 50, steps: 3, rng: createRng(1) });
    expect(onMark(fromNoise.x)).toBe(false);
    // Without a source, the standard Gaussian's draws: the stream every run has always used.
    expect(fromNoise.x).toEqual(await standardGaussianSource.draw(50, createRng(1)));
  });

  it('training batches take their x0 from the source set, and keep the old stream without one', async () => {
    const data = createRng(2).fillUniform(new Float32Array(2 * 100), -1, 1);
    const sourceSet = await datasetSource(marks).draw(30, createRng(3));
    const batches = drawEpochBatches(data, 32, createRng(4), undefined, sourceSet);
    expect(batches.map((b) => b.x0.length)).toEqual([64, 64, 64, 8]);
    for (const b of batches) expect(onMark(b.x0)).toBe(true);
    const plain = drawEpochBatches(data, 32, createRng(4));
    expect(plain.every((b) => !onMark(b.x0))).toBe(true);
    // The data side does not depend on the source (its permutation is drawn first).
    expect(batches[0].x1).toEqual(plain[0].x1);
  });
});
