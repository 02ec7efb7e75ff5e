import type { Dataset } from '../../ports/dataset.js';
import type { Rng } from '../../rng.js';
import { assertPoints } from '../../points.js';

/**
 * Two independent fresh draws of n points from the dataset (not the training points): the reference of the
 * quality figures, and a second one for their noise floor. `rngFor(label)` gives each draw its stream, so that
 * each caller keeps its own seeding.
 */
export async function heldOutDraws(dataset: Dataset, n: number, rngFor: (label: string) => Rng): Promise<[Float32Array, Float32Array]> {
  const draw = async (label: string) => {
    const p = await dataset.sample(n, rngFor(label));
    assertPoints(p, n, `Dataset '${dataset.id}'`);
    return p;
  };
  return [await draw('held-out-a'), await draw('held-out-b')];
}
