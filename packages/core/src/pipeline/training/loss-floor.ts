import type { Pairing, ProbabilityPath } from '../../ports/probability-path.js';
import type { VelocityModel } from '../../ports/velocity-model.js';
import type { Rng } from '../../rng.js';
import { drawEpochBatches } from './epoch-batches.js';
import { pointCount } from '../../points.js';
import type { TimeSampler } from './time-sampling.js';
import type { PointSource } from '../sampling/source.js';

/** Pairs the loss of the trained model is measured on (a few dozen batches: its spread is then ~1% of it). */
export const FRESH_LOSS_PAIRS = 16384;

/**
 * The training objective of the trained model on fresh (noise, data, t) draws, without an optimizer step: the
 * level the loss curve settles at, free of minibatch noise. The flow-matching loss never reaches 0: even the best
 * field v(x, t) = E[u_t | x_t] leaves the conditional variance of u_t given x_t, so this figure sits at that floor
 * plus what the model still misses. Batches as in training (same size, same pairing, same time sampling; with
 * `source`, the fixed couples source[i] → data[i] a reflow run trained on, with fresh times), so the figures compare.
 */
export async function freshLoss(model: VelocityModel, path: ProbabilityPath, pairing: Pairing | undefined, data: Float32Array, batchSize: number, rng: Rng, pairs = FRESH_LOSS_PAIRS, source?: PointSource, o: { couples?: Float32Array; times?: TimeSampler } = {}): Promise<number> {
  const n = pointCount(data);
  if (n === 0) return NaN;
  // A dataset source: a fresh set of its points, as many as the data (the Gaussian draws per batch).
  const sourceSet = source && !source.standard ? await source.draw(n, rng.fork('source')) : undefined;
  let sum = 0, count = 0;
  for (let round = 0; count < pairs; round++) {
    for (const b of drawEpochBatches(data, Math.min(batchSize, n), rng.fork(`round-${round}`), o.couples, sourceSet, o.times)) {
      const x0 = pairing && !o.couples ? pairing.pair(b.x0, b.x1, rng.fork(`pair-${round}-${count}`)) : b.x0;
      const pb = path.batch(x0, b.x1, b.t, rng.fork(`path-${round}-${count}`));
      const v = await model.predict(pb.xt, pb.t);
      const m = pointCount(pb.xt);
      let se = 0;
      for (let i = 0; i < 2 * m; i++) se += (v[i] - pb.ut[i]) ** 2;
      // Mean over points of the squared error summed over both coordinates, divided by 2: the MSE over coordinates, as trainStep reports it.
      sum += se / 2;
      count += m;
      if (count >= pairs) break;
    }
  }
  return sum / count;
}
