/** sampleTargetLabelled: the run's target points with their classes, checked before anyone draws or trains on them. */
import { ConfigSchema, type FvConfig } from '../../config/schema.js';
import type { Dataset, LabelledSample } from '../../ports/dataset.js';
import type { Rng } from '../../rng.js';
import { sampleTarget, sampleTargetLabelled } from './train.js';

const config = ((): FvConfig => {
  const { extends: _e, ...c } = ConfigSchema.parse({ data: { n_samples: 40 } });
  return c as FvConfig;
})();

/** Points on a line, class = which half; `badLabel` breaks one label. */
function halves(badLabel?: number): Dataset {
  const draw = (n: number, rng: Rng): LabelledSample => {
    const points = new Float32Array(2 * n), labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      points[2 * i] = 4 * rng.next() - 2;
      labels[i] = points[2 * i] > 0 ? 1 : 0;
    }
    if (badLabel !== undefined) labels[n - 1] = badLabel;
    return { points, labels };
  };
  return { id: 'halves', classNames: ['left', 'right'], sampleLabelled: draw, sample: (n, rng) => draw(n, rng).points };
}

describe('sampleTargetLabelled', () => {
  it('gives sampleTarget\'s points (same seed) with their labels and class names', async () => {
    const ds = halves();
    const s = await sampleTargetLabelled(config, ds);
    expect(Array.from(s.points)).toEqual(Array.from(await sampleTarget(config, ds)));
    expect(s.classNames).toEqual(['left', 'right']);
    for (let i = 0; i < 40; i++) expect(s.labels![i]).toBe(s.points[2 * i] > 0 ? 1 : 0);
  });

  it('gives points only for a dataset without classes', async () => {
    const { sampleLabelled: _s, classNames: _c, ...plain } = halves();
    const s = await sampleTargetLabelled(config, plain);
    expect(s.points).toHaveLength(80);
    expect(s.labels).toBeUndefined();
    expect(s.classNames).toBeUndefined();
  });

  it.each([2, -1])('refuses a dataset whose label %i lies outside its classes (DATA_INVALID naming it)', async (bad) => {
    await expect(sampleTargetLabelled(config, halves(bad))).rejects.toMatchObject({ code: 'DATA_INVALID', message: expect.stringContaining("Dataset 'halves' returned labels") });
  });
});
