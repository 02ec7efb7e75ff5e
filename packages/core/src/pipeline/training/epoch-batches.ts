import type { Rng } from '../../rng.js';
import type { PairingConditions } from '../../ports/probability-path.js';
import { gatherPoints, pointCount } from '../../points.js';
import type { SharedEpoch } from '../pairing/pairing-pool.js';
import { uniformTimes, type TimeSampler } from './time-sampling.js';

/** One minibatch of the flow-matching objective before pairing: data x1, noise x0, times t. */
export interface EpochBatch {
  x1: Float32Array;
  x0: Float32Array;
  t: Float32Array;
  /** A conditional run: the conditions of the x1 points (they travel with the batch to the pairing and the model). */
  conditions?: PairingConditions;
}

export interface EpochBatches {
  batches: EpochBatch[];
  /** The epoch as handed to a PairingPool, when one pairs it ahead. */
  shared?: SharedEpoch;
}

/**
 * Draws every batch of an epoch from the epoch's random stream: a permutation of the data, then per batch its
 * noise and times, in that order. Drawing the whole epoch up front lets its pairing start before training does;
 * the numbers are the ones a batch-by-batch loop would draw, since nothing else reads this stream.
 */
export function drawEpochBatches(data: Float32Array, batchSize: number, rng: Rng, source?: Float32Array, sourceSet?: Float32Array, times: TimeSampler = uniformTimes, conditions?: PairingConditions): EpochBatch[] {
  const n = pointCount(data);
  const perm = rng.permutation(n);
  // A dataset source: its own set of points, permuted independently of the data (its size may differ).
  const sourcePerm = sourceSet ? rng.permutation(pointCount(sourceSet)) : undefined;
  const batches: EpochBatch[] = [];
  for (let s = 0; s < n; s += batchSize) {
    const m = Math.min(batchSize, n - s);
    const x1 = gatherPoints(data, perm.subarray(s, s + m), new Float32Array(2 * m));
    // Coupled data (rectified flow) brings its own x0 for each point; a dataset source its next points; otherwise fresh noise.
    const x0 = source
      ? gatherPoints(source, perm.subarray(s, s + m), new Float32Array(2 * m))
      : sourceSet
        ? gatherPoints(sourceSet, Int32Array.from({ length: m }, (_, i) => sourcePerm![(s + i) % sourcePerm!.length]), new Float32Array(2 * m))
        : rng.fillNormal(new Float32Array(2 * m));
    const t = times(rng, new Float32Array(m));
    // The data points' conditions follow the same permutation (no draw of their own: the stream is unchanged).
    const c = conditions && gatherRows(conditions.c, conditions.dim, perm.subarray(s, s + m));
    batches.push(c ? { x1, x0, t, conditions: { ...conditions, c } } : { x1, x0, t });
  }
  return batches;
}

/** Label of the random stream of the pairing of batch k of an epoch (its own stream: it may run on a worker). */
export function pairingLabel(epoch: number, k: number): string {
  return `epoch-${epoch}/pairing-${k}`;
}

/** Rows of `dim` floats at `indices`. */
function gatherRows(a: Float32Array, dim: number, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * dim);
  for (let i = 0; i < indices.length; i++) for (let k = 0; k < dim; k++) out[i * dim + k] = a[indices[i] * dim + k];
  return out;
}
