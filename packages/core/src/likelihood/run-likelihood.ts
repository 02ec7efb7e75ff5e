import type { FvConfig } from '../config/schema.js';
import { isFvError } from '../errors.js';
import type { Bounds } from '../points.js';
import type { Dataset } from '../ports/dataset.js';
import type { Integrator } from '../ports/integrator.js';
import type { VelocityModel } from '../ports/velocity-model.js';
import type { Rng } from '../rng.js';
import type { ConditionSpec } from '../ports/velocity-model.js';
import { likelihoodFigures, type ClassMixture, type LikelihoodFigures } from './figures.js';
import { sourceDensityOf } from './source-density.js';
import { userLogDet } from './user-coordinates.js';

export interface RunLikelihoodInput {
  config: FvConfig;
  model: VelocityModel;
  /** The solver of likelihood.integrator; absent: no likelihood (a caller that did not build it). */
  integrator?: Integrator;
  dataset?: Dataset;
  /** Fresh held-out target points (box units); the first likelihood.n_points are scored. */
  heldOut: Float32Array;
  bounds: Bounds;
  rng: Rng;
  log: (m: string) => void;
  /** A conditional model's condition; a class-conditional one's density is its class mixture (`mixture`). */
  condition?: ConditionSpec;
  mixture?: ClassMixture;
}

/**
 * A run's likelihood: the mean NLL of held-out points for metrics.json (nats per point, in the user's units: the
 * dataset's fit into the box undone) and what the pictures draw. Undefined, with a line saying why, when there is
 * none to give (turned off, a model without a Jacobian, a source without a density): a run never fails for it.
 */
export async function runLikelihood(i: RunLikelihoodInput): Promise<{ metrics: Record<string, unknown>; figures: LikelihoodFigures } | undefined> {
  const l = i.config.likelihood;
  if (!i.integrator || l.n_points === 0) return undefined;
  const skip = (why: string) => {
    i.log(`No likelihood for this run: ${why}`);
    return undefined;
  };
  if (!i.model.jacobian) return skip(`the '${i.model.backend}' model gives no Jacobian.`);
  if (i.condition && !i.mixture) {
    return skip(`the model is conditioned on the target's ${i.condition.on} coordinate; its density of x alone would need an integral over that value (fv likelihood gives log p(x | c)).`);
  }
  try {
    sourceDensityOf(i.config);
    const n = Math.min(l.n_points, i.heldOut.length / 2);
    const figures = await likelihoodFigures(i.model, {
      integrator: i.integrator,
      steps: l.steps,
      integratorOptions: l.integrator_options as { rtol?: number; atol?: number },
      heldOut: i.heldOut.subarray(0, 2 * n),
      bounds: i.bounds,
      gridSize: l.grid_size,
      times: i.config.visualization.trajectory_times,
      rng: i.rng,
      mixture: i.mixture && { ...i.mixture, heldInput: i.mixture.heldInput.subarray(0, n * (i.mixture.heldInput.length / (i.heldOut.length / 2))) },
    });
    const det = userLogDet(i.dataset?.boxFit);
    const nll = figures.nll - det;
    i.log(`NLL ${nll.toFixed(3)} nats per point on ${n} held-out points (${figures.integrator}, ${figures.steps} steps, ${figures.nfe} evaluations, ${figures.seconds.toFixed(2)} s).`);
    if (i.mixture) i.log(`  (the model's density of x: the mixture over its ${i.mixture.spec.classes} classes in the data's shares; given each point's own class, NLL ${(figures.nllGivenClass! - det).toFixed(3)})`);
    return {
      figures,
      metrics: {
        nll,
        nll_points: n,
        nll_estimator: 'exact trace',
        ...(figures.nllGivenClass !== undefined ? { nll_given_class: figures.nllGivenClass - det } : {}),
        nll_integrator: figures.integrator,
        nll_steps: figures.steps,
        nll_nfe: figures.nfe,
        nll_seconds: figures.seconds,
        ...(i.dataset?.boxFit ? { nll_units: 'the points file\'s own coordinates' } : {}),
      },
    };
  } catch (e) {
    if (isFvError(e) && e.code === 'LIKELIHOOD_UNAVAILABLE') return skip(e.message);
    throw e;
  }
}
