import type { Integrator, VelocityField } from '../../ports/integrator.js';
import type { VelocityModel } from '../../ports/velocity-model.js';
import type { Rng } from '../../rng.js';
import type { Snapshot } from './result.js';
import { drawSource, type PointSource } from './source.js';
import { FvError } from '../../errors.js';

export interface GenerateOptions {
  n: number;
  steps: number;
  rng: Rng;
  saveAt?: readonly number[];
  integratorOptions?: { rtol?: number; atol?: number };
  /** Where the flow starts (`source:`); absent: the standard Gaussian. */
  source?: PointSource;
  /** The field to follow instead of the model's own: a conditional run's guided field of these n points. */
  field?: VelocityField;
}

export interface Generated {
  x: Float32Array;
  nfe: number;
  seconds: number;
  snapshots: Snapshot[];
}

export function fieldOf(model: VelocityModel): VelocityField {
  return (x, t) => model.predict(x, t);
}

/** Draws n points of the source (noise N(0, I) by default) and carries them to t=1 along the learned field. */
export async function generate(model: VelocityModel, integrator: Integrator, opts: GenerateOptions): Promise<Generated> {
  if (!opts.field && model.spec?.condDim) {
    throw new FvError('USAGE', 'This command does not sample conditional models yet (they need a condition per point).', {
      hint: 'Sample a conditional model with fv sample, fv visualize or fv run (sampling.class, sampling.condition, sampling.guidance).',
    });
  }
  const x0 = await drawSource(opts.source, opts.n, opts.rng);
  const start = performance.now();
  const res = await integrator.integrate(opts.field ?? fieldOf(model), x0, { steps: opts.steps, saveAt: opts.saveAt, ...opts.integratorOptions });
  return { x: res.x, nfe: res.nfe, seconds: (performance.now() - start) / 1000, snapshots: res.snapshots };
}

/** A grid_size² grid of positions over the box, n×2 interleaved, row by row from the bottom-left. */
export function gridPoints(bounds: { xmin: number; xmax: number; ymin: number; ymax: number }, size: number): Float32Array {
  const g = new Float32Array(2 * size * size);
  // Cell centres, so that no arrow sits on the frame.
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const k = 2 * (j * size + i);
      g[k] = bounds.xmin + ((i + 0.5) / size) * (bounds.xmax - bounds.xmin);
      g[k + 1] = bounds.ymin + ((j + 0.5) / size) * (bounds.ymax - bounds.ymin);
    }
  }
  return g;
}
