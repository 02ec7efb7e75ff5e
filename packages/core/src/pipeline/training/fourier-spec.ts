import type { FvConfig } from '../../config/schema.js';
import type { FourierSpec, ModelSpec } from '../../ports/velocity-model.js';
import { createRng } from '../../rng.js';

/**
 * The random Fourier features a config asks for (model.fourier_features, model.fourier_scale), or undefined when
 * off. B is drawn from training.seed on a stream of its own ('fourier'), so that turning the option on changes no
 * other random number of the run (data, weights, times), and the same seed always gives the same B; the model
 * saves B itself, so a saved model does not depend on this draw staying the same.
 */
export function fourierSpecOf(config: FvConfig): FourierSpec | undefined {
  const n = config.model.fourier_features, scale = config.model.fourier_scale, d = config.model.data_dim;
  if (!(n > 0)) return undefined;
  const b = createRng(config.training.seed, 'fourier').fillNormal(new Float32Array(n * d), 0, scale);
  return { features: n, scale, b: Array.from(b) };
}

/** A spec's Fourier setting as its config keys say it ("fourier_features 0" when off): what resume and load compare. */
export function fourierLabel(spec: Pick<ModelSpec, 'fourier'>): string {
  return spec.fourier ? `fourier_features ${spec.fourier.features}, fourier_scale ${spec.fourier.scale}` : 'fourier_features 0';
}
