import type { Pairing, ProbabilityPath } from '../../ports/probability-path.js';
import type { VelocityModel } from '../../ports/velocity-model.js';
import { createRng, type Rng } from '../../rng.js';
import { pointCount } from '../../points.js';

/** The loss of the trained model in bins of t, beside the part of it no model can remove. */
export interface LossByTime {
  /** Bin edges: bin k holds t in [edges[k], edges[k+1]). */
  edges: number[];
  /** The training objective of the trained model per bin (mean squared error per coordinate, as the loss curve). */
  loss: number[];
  /**
   * The irreducible part per bin: the conditional variance of the target velocity given x_t, which the best
   * field E[u_t | x_t] still leaves, computed exactly for the training points; null where it cannot be (paired
   * or coupled training, or a path that is not affine).
   */
  irreducible: (number | null)[] | null;
  /** Pairs drawn per bin. */
  pairs: number;
}

export const LOSS_BY_TIME_BINS = 8;
export const LOSS_BY_TIME_PAIRS = 512;

/** α_t, σ_t, α̇_t, σ̇_t of a path read from its batches, when it is affine (x_t = α·x1 + σ·x0); else undefined. */
function affineAt(path: ProbabilityPath, t: number): { alpha: number; sigma: number; dAlpha: number; dSigma: number } | undefined {
  // A path that draws noise of its own (the Brownian bridge) gets an rng, and its noise fails the affine check.
  const b = path.batch(new Float32Array([0, 0, 1, 0, 0.5, -2]), new Float32Array([1, 0, 0, 0, 3, 1]), new Float32Array([t, t, t]), createRng(0, 'affine-probe'));
  const [alpha, sigma] = [b.xt[0], b.xt[2]], [dAlpha, dSigma] = [b.ut[0], b.ut[2]];
  const close = (a: number, e: number) => Math.abs(a - e) <= 1e-4 * (1 + Math.abs(e));
  const ok = close(b.xt[4], 3 * alpha + 0.5 * sigma) && close(b.xt[5], alpha - 2 * sigma) && close(b.ut[4], 3 * dAlpha + 0.5 * dSigma) && close(b.ut[5], dAlpha - 2 * dSigma);
  return ok ? { alpha, sigma, dAlpha, dSigma } : undefined;
}

/**
 * Draws `pairs` (noise, data point, t) per bin of t, as training draws them (data: the training points, or
 * with `source` the fixed couples x0 → x1 of a reflow run; pairing as in training), and measures the model's
 * squared error per bin. Without pairing or couples, on an affine path, each x_t's posterior over the training
 * points gives E[u_t | x_t] exactly, hence the irreducible part, Var[u_t | x_t].
 */
export async function lossByTime(
  model: VelocityModel,
  path: ProbabilityPath,
  data: Float32Array,
  rng: Rng,
  o: { pairing?: Pairing; source?: Float32Array; bins?: number; pairs?: number } = {},
): Promise<LossByTime> {
  const bins = o.bins ?? LOSS_BY_TIME_BINS, pairs = o.pairs ?? LOSS_BY_TIME_PAIRS;
  const n = pointCount(data);
  const edges = Array.from({ length: bins + 1 }, (_, k) => k / bins);
  const loss: number[] = [];
  const irreducible: (number | null)[] = [];
  // 'none' keeps the pairs as drawn: independent, so the posterior is exact.
  const pairing = o.pairing && o.pairing.id !== 'none' ? o.pairing : undefined;
  const exact = !pairing && !o.source;
  for (let k = 0; k < bins; k++) {
    const r = rng.fork(`bin-${k}`);
    const idx = Array.from({ length: pairs }, () => r.int(n));
    const x1 = new Float32Array(2 * pairs);
    idx.forEach((i, j) => ((x1[2 * j] = data[2 * i]), (x1[2 * j + 1] = data[2 * i + 1])));
    let x0: Float32Array = new Float32Array(2 * pairs);
    if (o.source) idx.forEach((i, j) => ((x0[2 * j] = o.source![2 * i]), (x0[2 * j + 1] = o.source![2 * i + 1])));
    else r.fillNormal(x0);
    const t = r.fillUniform(new Float32Array(pairs), edges[k], edges[k + 1]);
    if (pairing) x0 = pairing.pair(x0, x1, r.fork('pair'));
    const b = path.batch(x0, x1, t, r.fork('path'));
    const v = await model.predict(b.xt, b.t);
    let se = 0;
    for (let i = 0; i < 2 * pairs; i++) se += (v[i] - b.ut[i]) ** 2;
    loss.push(se / (2 * pairs));
    irreducible.push(exact ? posteriorVariance(path, data, b.xt, t) : null);
  }
  return { edges, loss, irreducible: irreducible.every((x) => x === null) ? null : irreducible, pairs };
}

/**
 * Mean over the given x_t of Var[u_t | x_t] / 2 (per coordinate, as the loss) under the empirical data
 * distribution: x1 has posterior weights ∝ exp(−|x_t − α·x1_i|² / 2σ²) over the training points, and
 * u_t = c·x1 + (σ̇/σ)·x_t with c = α̇ − σ̇·α/σ, so Var[u | x_t] = c²·tr Var[x1 | x_t].
 */
function posteriorVariance(path: ProbabilityPath, data: Float32Array, xt: Float32Array, t: Float32Array): number | null {
  const n = pointCount(data), m = t.length;
  const logw = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < m; j++) {
    const s = affineAt(path, t[j]);
    if (!s || s.sigma <= 0) return null;
    const inv = 1 / (2 * s.sigma * s.sigma);
    const px = xt[2 * j], py = xt[2 * j + 1];
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const dx = px - s.alpha * data[2 * i], dy = py - s.alpha * data[2 * i + 1];
      const l = -(dx * dx + dy * dy) * inv;
      logw[i] = l;
      if (l > max) max = l;
    }
    let w = 0, mx = 0, my = 0, m2 = 0;
    for (let i = 0; i < n; i++) {
      const e = Math.exp(logw[i] - max);
      const x = data[2 * i], y = data[2 * i + 1];
      w += e, mx += e * x, my += e * y, m2 += e * (x * x + y * y);
    }
    mx /= w, my /= w;
    const variance = Math.max(0, m2 / w - mx * mx - my * my);
    const c = s.dAlpha - (s.dSigma * s.alpha) / s.sigma;
    total += (c * c * variance) / 2;
  }
  return total / m;
}
