import type { FvConfig } from '../../config/schema.js';
import type { Rng } from '../../rng.js';

/** Fills `out` with training times t in [0, 1] drawn from `rng`. */
export type TimeSampler = (rng: Rng, out: Float32Array) => Float32Array;

/** t ~ U[0, 1]: the original objective. */
export const uniformTimes: TimeSampler = (rng, out) => rng.fillUniform(out);

/**
 * t = sigmoid(z), z ~ N(loc, scale²): the logit-normal density of Esser et al. (2024, Stable Diffusion 3), which
 * spends more of the batch on the middle times, where the flow decides which part of the data a point goes to,
 * and less on the ends, where the target velocity is easy (t near 0) or nearly fixed (t near 1). A positive `loc`
 * (their m) shifts the times towards t = 1, where the flow settles fine detail (the gap between the T-Rex's legs).
 */
export function logitNormalTimes(scale: number, loc = 0): TimeSampler {
  return (rng, out) => {
    rng.fillNormal(out, loc, scale);
    for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-out[i]));
    return out;
  };
}

/** The run's time sampler (`training.time_sampling`). */
export function timeSamplerOf(config: FvConfig): TimeSampler {
  const t = config.training;
  return t.time_sampling === 'logit_normal' ? logitNormalTimes(t.time_sampling_scale, t.time_sampling_loc) : uniformTimes;
}
