import { FvError } from '../errors.js';
import { STANDARD_GAUSSIAN_SOURCE } from '../config/schema.js';

/** The log density of the flow's source at t = 0, point by point: what log p(x) starts from. */
export interface SourceDensity {
  readonly id: string;
  /** log p₀ of each of the n points (n×d interleaved), in nats. */
  logDensity(x0: Float32Array, d: number): Float64Array;
}

/** The standard normal N(0, I): log p₀(x) = −|x|²/2 − (d/2)·log 2π. The source of every flow trained from noise. */
export const standardNormalSource: SourceDensity = {
  id: 'standard normal',
  logDensity(x0, d) {
    const n = x0.length / d;
    const out = new Float64Array(n);
    const c = -0.5 * d * Math.log(2 * Math.PI);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += x0[i * d + k] * x0[i * d + k];
      out[i] = c - 0.5 * s;
    }
    return out;
  },
};

/** Names a source section may give for the standard Gaussian (the default source). */
const GAUSSIAN_NAMES = new Set([STANDARD_GAUSSIAN_SOURCE, 'noise', 'normal', 'standard_normal']);

/**
 * The source density of a run. Flows start from the standard Gaussian; a config whose `source:` names another
 * dataset (points, a drawing, an image…) has no closed-form density at t = 0, so there is no likelihood to give:
 * refused with LIKELIHOOD_UNAVAILABLE rather than a number that means nothing.
 */
export function sourceDensityOf(config: unknown): SourceDensity {
  const source = (config as { source?: unknown } | null)?.source;
  if (source === undefined || source === null) return standardNormalSource;
  const name = typeof source === 'string' ? source : (source as { name?: unknown }).name;
  if (name === undefined || (typeof name === 'string' && GAUSSIAN_NAMES.has(name))) return standardNormalSource;
  throw new FvError('LIKELIHOOD_UNAVAILABLE', `This flow starts from the dataset '${String(name)}' (source.name), whose density has no closed form: log p(x) = log p₀(x₀) − ∫ div v dt needs log p₀, so there is no likelihood to compute.`, {
    hint: 'Likelihood works for flows from the standard Gaussian source (the default): train one with source.name=gaussian (the default) to compare densities.',
  });
}
