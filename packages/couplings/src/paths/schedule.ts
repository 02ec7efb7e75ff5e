/** α_t, σ_t and their time derivatives at one t: the whole of an affine path's shape. */
export interface ScheduleAt {
  alpha: number;
  sigma: number;
  dAlpha: number;
  dSigma: number;
}

/**
 * A schedule of the affine path x_t = α_t·x1 + σ_t·x0 (x0 noise, x1 data), as facebookresearch/flow_matching
 * structures its schedulers: α_0 = 0, σ_0 = 1 (pure noise) and α_1 = 1, σ_1 = 0 (pure data, or σ_min).
 */
export interface Schedule {
  at(t: number): ScheduleAt;
}

/** Conditional OT (flow_matching's CondOTScheduler, with Lipman et al.'s σ_min): α = t, σ = 1 − (1 − σ_min)·t. */
export function condOtSchedule(sigmaMin = 0): Schedule {
  const k = 1 - sigmaMin;
  return { at: (t) => ({ alpha: t, sigma: 1 - k * t, dAlpha: 1, dSigma: -k }) };
}

const HALF_PI = Math.PI / 2;

/**
 * Cosine, variance preserving (flow_matching's CosineScheduler, the "trigonometric" interpolant):
 * α = sin(πt/2), σ = cos(πt/2), so α² + σ² = 1.
 */
export function cosineSchedule(): Schedule {
  return {
    at(t) {
      const a = Math.sin(HALF_PI * t), s = Math.cos(HALF_PI * t);
      return { alpha: a, sigma: s, dAlpha: HALF_PI * s, dSigma: -HALF_PI * a };
    },
  };
}

/**
 * Polynomial (flow_matching's PolynomialConvexScheduler): α = tⁿ, σ = 1 − tⁿ. Straight lines like conditional
 * OT, walked at another speed: n > 1 lingers near the noise and rushes to the data at the end.
 * n ≥ 1 keeps the velocity n·tⁿ⁻¹ finite at t = 0.
 */
export function polynomialSchedule(n: number): Schedule {
  return {
    at(t) {
      const p = t ** (n - 1);
      return { alpha: p * t, sigma: 1 - p * t, dAlpha: n * p, dSigma: -n * p };
    },
  };
}
