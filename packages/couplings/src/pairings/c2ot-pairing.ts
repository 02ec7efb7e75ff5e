import { z } from 'zod';
import { definePlugin, FvError, type Pairing, type PairingConditions, type Rng } from '@flow-visualizer/core';
import { PointAssignment } from '../assignment/assignment.js';
import { conditionCost } from './c2ot-cost.js';
import { ConditionWeightSearch } from './condition-weight-search.js';

export const C2otPairingOptionsSchema = z
  .strictObject({
    condition_weight: z
      .union([z.literal('auto'), z.number().nonnegative().max(1e12)])
      .default('auto')
      .describe('w of the cost |x0 − x1|² + w·C(c0, c1). auto: 1e6 for classes (their moons.py: "effectively infinity"; solved exactly as infinite, class by class) and 100 for a continuous condition (their search\'s starting weight).'),
    target_r: z.number().min(0).max(1).default(0.05).describe('Continuous conditions: each batch searches w (their search_for_w: doubling, then bisection) so that the share r of (noise, data) couples whose cost is at most the data point\'s own independent couple\'s |x0_j − x1_j|² is target_r; 0: no search, w as given. Classes use w as given.'),
    condition_norm: z.enum(['auto', 'cosine', 'l2_squared']).default('auto').describe('C between conditions: cosine, 1 − ĉ0·ĉ1 (0 within a class, 2 across for ±1, 1 for one-hot), or l2_squared, |c0 − c1|². auto: cosine for classes, l2_squared for continuous values (their moons.py).'),
    max_iter: z.number().int().positive().max(100).default(10).describe('Most steps of each phase of the weight search (their max_num_iter).'),
    r_tol: z.number().positive().max(1).default(1e-3).describe('The search stops when |r − target_r| is below this (their target_r_tol).'),
    max_weight: z.number().positive().max(1e12).default(1e8).describe('The search\'s ceiling on w (their max_w).'),
  })
  .describe('C²OT (Cheng & Schwing 2025): minibatch OT with the condition in the cost.');

export type C2otPairingOptions = z.infer<typeof C2otPairingOptionsSchema>;

/** Weights at or above this are "effectively infinite" for classes: no pair may cross classes (solved per class). */
const INFINITE = 1e6;

/**
 * C²OT, condition-aware minibatch OT (Cheng & Schwing 2025, arXiv 2503.10636; their c2ot/ot.py): the cost of
 * giving noise point i to data point j is |x0_i − x1_j|² + w·C(c_i, c_j), where noise i carries the condition of
 * data point i (they call sample_plan_with_labels(x0, x1, y1, y1): the prior's conditions are the data's), so that
 * a noise point is only moved to data of its own condition, in the data's proportions.
 * - Classes at w ≥ 1e6 (the default): C is 0 within a class and positive across, and every within-class pairing
 *   costs less than one crossing in this box, so the optimum is the exact OT of each class separately: solved so
 *   (no pair ever crosses classes, and the fast point solver runs per class).
 * - Continuous conditions: w per batch by their search toward target_r (default 0.05), then the exact assignment of
 *   the whole cost matrix. Each batch starts the search from condition_weight (their sampler carries the last
 *   batch's w over to the next; here batches are paired on several threads, ahead of training, and a pairing
 *   must depend on its arguments only: see the Pairing port; carrying changes neither the weights found nor the
 *   search's work, scripts/README-pairing.md). The search is condition-weight-search.ts: their steps and their w,
 *   testing only the couples still undecided.
 */
export function c2otPairing(options: Partial<C2otPairingOptions> = {}): Pairing {
  const opts = C2otPairingOptionsSchema.parse(options);
  const solver = new PointAssignment();
  const search = new ConditionWeightSearch();
  /** |x0_i − x1_j|² at j·n + i, reused from batch to batch (each fills all of it). */
  let M = new Float64Array(0);
  return {
    id: 'c2ot',
    worker: { module: import.meta.url, export: 'c2otPairing', options: opts },
    pair(x0: Float32Array, x1: Float32Array, _rng: Rng, conditions?: PairingConditions): Float32Array {
      if (!conditions) {
        throw new FvError('CONFIG_INVALID', 'flow.pairing=c2ot couples by condition, but this run has none.', { hint: 'Set model.conditional=true (C²OT is for conditional flows), or use flow.pairing=ot.' });
      }
      const n = x1.length >> 1;
      if (x0.length !== x1.length || conditions.c.length !== n * conditions.dim) {
        throw new FvError('INTERNAL', `C²OT pairing got ${x0.length >> 1} noise points, ${n} data points and ${conditions.c.length / conditions.dim} conditions.`);
      }
      const norm = opts.condition_norm === 'auto' ? (conditions.discrete ? 'cosine' : 'l2_squared') : opts.condition_norm;
      const weight = opts.condition_weight === 'auto' ? (conditions.discrete ? INFINITE : 100) : opts.condition_weight;
      const sigma = new Int32Array(n);
      if (conditions.discrete && weight >= INFINITE) perClass(solver, x0, x1, conditions, sigma);
      else {
        // Both matrices row j (data point), column i (noise point): the layout the assignment reads. C is symmetric
        // (noise i carries data point i's condition; both norms are symmetric in c_i, c_j), so C[j·n + i] is the
        // reference's C[i·n + j].
        const C = conditionCost(conditions, norm);
        if (M.length !== n * n) M = new Float64Array(n * n);
        for (let j = 0; j < n; j++) {
          const ax = x1[2 * j], ay = x1[2 * j + 1], row = j * n;
          for (let i = 0; i < n; i++) {
            const dx = x0[2 * i] - ax, dy = x0[2 * i + 1] - ay;
            M[row + i] = dx * dx + dy * dy;
          }
        }
        const w = conditions.discrete || opts.target_r === 0 ? weight : search.search(M, C, n, opts.target_r, { initial: weight, maxIter: opts.max_iter, tol: opts.r_tol, maxWeight: opts.max_weight });
        const m = M;
        solver.solveCost(n, (c) => {
          let sum = 0;
          for (let k = 0; k < n * n; k++) {
            const e = m[k] + w * C[k];
            c[k] = e;
            sum += e;
          }
          return sum;
        }, sigma);
      }
      const out = new Float32Array(x0.length);
      for (let j = 0; j < n; j++) {
        out[2 * j] = x0[2 * sigma[j]];
        out[2 * j + 1] = x0[2 * sigma[j] + 1];
      }
      return out;
    },
  };
}

/**
 * Infinite weight: noise i carries data point i's class, so each class's noise and data are the same index set,
 * and each is matched by exact OT on its own. sigma[j]: the noise point given to data point j.
 */
function perClass(solver: PointAssignment, x0: Float32Array, x1: Float32Array, conditions: PairingConditions, sigma: Int32Array): void {
  const { c, dim } = conditions, n = x1.length >> 1;
  const groups = new Map<string, number[]>();
  for (let j = 0; j < n; j++) {
    const key = Array.from(c.subarray(j * dim, (j + 1) * dim)).join(',');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(j);
  }
  for (const idx of groups.values()) {
    const m = idx.length, a = new Float32Array(2 * m), b = new Float32Array(2 * m);
    idx.forEach((j, k) => {
      a[2 * k] = x1[2 * j];
      a[2 * k + 1] = x1[2 * j + 1];
      b[2 * k] = x0[2 * j];
      b[2 * k + 1] = x0[2 * j + 1];
    });
    const s = solver.solve(a, b);
    idx.forEach((j, k) => (sigma[j] = idx[s[k]]));
  }
}

export const c2otPairingPlugin = () =>
  definePlugin({
    name: 'fv:pairing-c2ot',
    kind: 'pairing',
    id: 'c2ot',
    description: 'C²OT: minibatch OT with the condition in the cost (classes never cross; continuous conditions by a weight searched toward target_r). Needs model.conditional.',
    optionsSchema: C2otPairingOptionsSchema,
    create: (options) => c2otPairing(options),
  });
