/**
 * What the live views show of a model: its samples at a few times on the way from noise to data (the time
 * slider, the particle paths), the learned field on a grid at the same times, and the quality figures against
 * held-out target points with their noise floor (core's metrics, as `metrics.json` has them).
 */
import { createRng, generate, gridPoints, qualityMetrics, type Integrator, type PointSource, type VelocityModel } from '@flow-visualizer/core';
import type { ConditionInfo, Preview, QualityFigures } from './protocol.js';
import type { ConditionedSampling } from './conditioning.js';
import { PREVIEW_TIMES, VIEW_BOX } from '../config/view-box.js';

const GRID = 17;

export interface PreviewInput {
  model: VelocityModel;
  integrator: Integrator;
  integratorOptions: { rtol?: number; atol?: number };
  steps: number;
  n: number;
  seed: number;
  epoch: number;
  /** Where the flow starts (`source:`); absent: the standard Gaussian. */
  source?: PointSource;
  /** Two held-out draws of the target (n each) for the figures and their floor; absent: no figures. */
  heldOut?: [Float32Array, Float32Array];
  /** A conditional model: the guided field of the n points, the arrows' model and each point's condition. */
  conditioned?: ConditionedSampling & { info: ConditionInfo };
}

export async function makePreview(p: PreviewInput): Promise<Preview> {
  const start = performance.now();
  // The same noise every time, so that the views change only because the model does.
  const rng = createRng(p.seed, 'studio-preview');
  const gen = await generate(p.model, p.integrator, { n: p.n, steps: p.steps, rng, saveAt: PREVIEW_TIMES, integratorOptions: p.integratorOptions, ...(p.source ? { source: p.source } : {}), ...(p.conditioned ? { field: p.conditioned.field } : {}) });
  const points = new Float32Array(PREVIEW_TIMES.length * 2 * p.n);
  gen.snapshots.forEach((s, i) => points.set(s.x, i * 2 * p.n));
  const grid = gridPoints(VIEW_BOX, GRID);
  const field = new Float32Array(PREVIEW_TIMES.length * grid.length);
  for (let i = 0; i < PREVIEW_TIMES.length; i++) field.set(await (p.conditioned?.gridModel ?? p.model).predict(grid, PREVIEW_TIMES[i]), i * grid.length);
  let quality: QualityFigures | undefined;
  if (p.heldOut) {
    // The floor with as many points as the samples (a live preview has fewer than at rest): sizes never mix.
    const [a, b] = p.heldOut.map((h) => h.subarray(0, Math.min(h.length, 2 * p.n)));
    const q = qualityMetrics(gen.x, a, b, { seed: p.seed });
    const noise = qualityMetrics(points.subarray(0, 2 * p.n), a, b, { seed: p.seed });
    quality = {
      sliced_w1: q.sliced_w1,
      sliced_w1_floor: q.floor.sliced_w1,
      energy_distance: q.energy_distance,
      energy_distance_floor: q.floor.energy_distance,
      mmd_rbf: q.mmd_rbf,
      mmd_rbf_floor: q.floor.mmd_rbf,
      noise_sliced_w1: noise.sliced_w1,
      n: q.n,
    };
  }
  return { epoch: p.epoch, times: PREVIEW_TIMES, points, n: p.n, nfe: gen.nfe, field, gridSize: GRID, seconds: (performance.now() - start) / 1000, quality, ...(p.conditioned ? { conditions: p.conditioned.conditions, condition: p.conditioned.info } : {}) };
}
