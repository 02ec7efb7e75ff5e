import type { Dataset } from '../../ports/dataset.js';
import type { Rng } from '../../rng.js';
import type { PointSource } from '../../ports/point-source.js';

export type { PointSource } from '../../ports/point-source.js';
import { assertPoints } from '../../points.js';


export const standardGaussianSource: PointSource = {
  id: 'gaussian',
  standard: true,
  draw: async (n, rng) => rng.fillNormal(new Float32Array(2 * n)),
};

/** A dataset as the source (created with source.noise as its noise, as data.noise is the data's). */
export function datasetSource(dataset: Dataset): PointSource {
  return {
    id: dataset.id,
    standard: false,
    async draw(n, rng) {
      const points = await dataset.sample(n, rng);
      assertPoints(points, n, `Source dataset '${dataset.id}'`);
      return points;
    },
  };
}

/** Starting points for sampling and pictures: `source` or, without one, the standard Gaussian. */
export function drawSource(source: PointSource | undefined, n: number, rng: Rng): Promise<Float32Array> {
  return (source ?? standardGaussianSource).draw(n, rng);
}
