/**
 * One batch coupled by a pairing plugin, as training couples it: start points x0 from the run's source (N(0, I)
 * unless `source:` names a dataset) and data x1 drawn from the run's target, x0 reordered by `pairing.pair` so
 * that x0[i] goes to x1[i]. The same seed for every pairing, so that comparing none with ot shows the same points
 * differently joined.
 */
import { createRng, drawSource, type Pairing, type PairingConditions, type PointSource } from '@flow-visualizer/core';
import type { PairBatch } from './live-protocol.js';

/** Couples drawn: enough to see the pattern, few enough to tell the lines apart (and for exact OT to be instant). */
export const PAIR_BATCH = 128;

/**
 * `conditions`: the target points' (a conditional run's), which a condition-aware pairing (c2ot) couples by;
 * `labels`: the target points' classes (a class-conditional run's), carried with the couples for their colours.
 */
export async function pairBatch(pairing: Pairing, target: Float32Array, batchSize: number, seed: number, own: boolean, choices: string[], source?: PointSource, conditions?: PairingConditions, labels?: ArrayLike<number>): Promise<PairBatch> {
  const n = Math.max(2, Math.min(PAIR_BATCH, batchSize, target.length / 2));
  const rng = createRng(seed, 'studio-pairs');
  const x0 = await drawSource(source, n, rng.fork('noise'));
  // n distinct target points, picked at random (the target may be sorted by shape part).
  const pick = rng.fork('data');
  const total = target.length / 2;
  const order = Array.from({ length: total }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(pick.next() * (total - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const x1 = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) x1.set(target.subarray(2 * order[i], 2 * order[i] + 2), 2 * i);
  const picked = conditions ? { ...conditions, c: Float32Array.from({ length: n * conditions.dim }, (_, k) => conditions.c[order[Math.floor(k / conditions.dim)] * conditions.dim + (k % conditions.dim)]) } : undefined;
  const paired = pairing.pair(x0, x1, rng.fork('pair'), picked);
  let cost = 0;
  for (let i = 0; i < n; i++) cost += (paired[2 * i] - x1[2 * i]) ** 2 + (paired[2 * i + 1] - x1[2 * i + 1]) ** 2;
  // The pairing reorders x0 only: couple i's data point, and so its class, is the i-th picked target point.
  const classes = labels ? Int32Array.from({ length: n }, (_, i) => labels[order[i]]) : undefined;
  return { pairing: pairing.id, own, choices, x0: paired, x1, n, ...(classes ? { classes } : {}), cost: cost / n };
}
