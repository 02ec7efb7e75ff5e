import type { ModelSpec } from '@flow-visualizer/core';

/**
 * Random Fourier features of the point (model.fourier_features; Tancik et al. 2020): the nets read
 * [x, sin(2π·B·x), cos(2π·B·x)] instead of x. They are computed here, once, in JavaScript, for every backend
 * (tfjs, the C addon, the WebAssembly module): the nets just see wider input rows, as they do a conditional
 * model's [x, c], so training and prediction need nothing of their own, and every backend reads the very same
 * float32 inputs. Only the Jacobian (likelihood) needs the features' own derivative: fourierTangents.
 */

const TAU = 2 * Math.PI;
/** sin and cos of 2π·u, written by sinCosTurns (one buffer: no allocation per call). */
const sc = new Float64Array(2);

/**
 * sin(2π·u) and cos(2π·u) into sc, to ~1e-9 (float32 rows need 6e-8): u is in turns, so the reduction to an
 * eighth of a turn is exact (u − q/4 with q the nearest quarter), then Taylor polynomials of degree 11 and 12 on
 * [−π/4, π/4] and the quarter's rotation. About 5× faster than Math.sin and Math.cos, which a run calls ~10⁸
 * times (every training row, every sampled point, the likelihood's grid).
 */
function sinCosTurns(u: number): void {
  const q = Math.round(4 * u), t = TAU * (u - q / 4), t2 = t * t;
  const s = t * (1 + t2 * (-1 / 6 + t2 * (1 / 120 + t2 * (-1 / 5040 + t2 * (1 / 362880 + t2 * (-1 / 39916800))))));
  const c = 1 + t2 * (-1 / 2 + t2 * (1 / 24 + t2 * (-1 / 720 + t2 * (1 / 40320 + t2 * (-1 / 3628800 + t2 / 479001600)))));
  switch (q & 3) {
    case 0: sc[0] = s; sc[1] = c; break;
    case 1: sc[0] = c; sc[1] = -s; break;
    case 2: sc[0] = -s; sc[1] = -c; break;
    default: sc[0] = -c; sc[1] = s;
  }
}

/** Fourier features of the spec (0: off). */
export function fourierCount(spec: ModelSpec): number {
  return spec.fourier?.features ?? 0;
}

/** Floats per row after the map: the point, then a sine and a cosine per frequency. */
export function fourierRowWidth(spec: ModelSpec): number {
  return spec.dataDim + 2 * fourierCount(spec);
}

/**
 * n rows [x, sin(2π·B·x), cos(2π·B·x)] (fourierRowWidth floats each) of the n points x (dataDim each), written
 * into `out` at a row stride of `stride` floats (room for a condition after them), from row 0.
 */
export function fillFourierRows(spec: ModelSpec, x: Float32Array, n: number, out: Float32Array, stride = fourierRowWidth(spec)): void {
  const d = spec.dataDim, m = fourierCount(spec), b = spec.fourier!.b;
  if (d === 2) {
    fillPlaneRows(frequencies(spec.fourier!), m, x, n, out, stride);
    return;
  }
  for (let r = 0; r < n; r++) {
    const o = r * stride;
    for (let k = 0; k < d; k++) out[o + k] = x[r * d + k];
    for (let f = 0; f < m; f++) {
      let u = 0;
      for (let k = 0; k < d; k++) u += b[f * d + k] * x[r * d + k];
      sinCosTurns(u);
      out[o + d + f] = sc[0];
      out[o + d + m + f] = sc[1];
    }
  }
}

/** B as doubles, made once per spec (the rows are built for every batch and every prediction). */
const frequencyCache = new WeakMap<object, Float64Array>();
function frequencies(f: NonNullable<ModelSpec['fourier']>): Float64Array {
  let b = frequencyCache.get(f);
  if (!b) frequencyCache.set(f, (b = Float64Array.from(f.b)));
  return b;
}

/**
 * fillFourierRows for 2D points, the case every dataset has: sinCosTurns inlined, B·x unrolled, the quarter chosen
 * without a table (the same numbers as the general loop, ~1.8× less CPU: the rows are ~6% of a Fourier run's).
 */
function fillPlaneRows(b: Float64Array, m: number, x: Float32Array, n: number, out: Float32Array, stride: number): void {
  for (let r = 0; r < n; r++) {
    const o = r * stride, x0 = x[2 * r], x1 = x[2 * r + 1];
    out[o] = x0;
    out[o + 1] = x1;
    for (let f = 0; f < m; f++) {
      const u = b[2 * f] * x0 + b[2 * f + 1] * x1;
      const q = Math.round(4 * u), t = TAU * (u - q / 4), t2 = t * t;
      const s = t * (1 + t2 * (-1 / 6 + t2 * (1 / 120 + t2 * (-1 / 5040 + t2 * (1 / 362880 + t2 * (-1 / 39916800))))));
      const c = 1 + t2 * (-1 / 2 + t2 * (1 / 24 + t2 * (-1 / 720 + t2 * (1 / 40320 + t2 * (-1 / 3628800 + t2 / 479001600)))));
      const k = q & 3;
      out[o + 2 + f] = k === 0 ? s : k === 1 ? c : k === 2 ? -s : -c;
      out[o + 2 + m + f] = k === 0 ? c : k === 1 ? -s : k === 2 ? -c : s;
    }
  }
}

/** The n points' feature rows, as a new array (fillFourierRows). */
export function fourierRows(spec: ModelSpec, x: Float32Array): Float32Array {
  const n = x.length / spec.dataDim;
  const out = new Float32Array(n * fourierRowWidth(spec));
  fillFourierRows(spec, x, n, out);
  return out;
}

/**
 * The features' derivative along each coordinate of the point, the forward-mode seeds of the Jacobian (chain
 * rule: ∂v/∂x_j = Σ_k ∂v/∂row_k · ∂row_k/∂x_j): for point p and coordinate j, at
 * out[(p·d + j)·w …], the row [e_j, 2π·B_fj·cos(2π·B_f·x), −2π·B_fj·sin(2π·B_f·x)] (w = fourierRowWidth, or wider:
 * a conditional model's row goes on with its condition, whose derivative along x is 0).
 */
export function fourierTangents(spec: ModelSpec, x: Float32Array, w = fourierRowWidth(spec)): Float32Array {
  const d = spec.dataDim, m = fourierCount(spec), b = spec.fourier!.b, n = x.length / d;
  const out = new Float32Array(n * d * w);
  for (let p = 0; p < n; p++) {
    for (let f = 0; f < m; f++) {
      let u = 0;
      for (let k = 0; k < d; k++) u += b[f * d + k] * x[p * d + k];
      sinCosTurns(u);
      const sin = sc[0], cos = sc[1];
      for (let j = 0; j < d; j++) {
        const o = (p * d + j) * w, g = 2 * Math.PI * b[f * d + j];
        out[o + d + f] = g * cos;
        out[o + d + m + f] = -g * sin;
      }
    }
    for (let j = 0; j < d; j++) out[(p * d + j) * w + j] = 1;
  }
  return out;
}

/** What is wrong with the spec's Fourier features (none when off). */
export function fourierProblems(spec: ModelSpec): string[] {
  const f = spec.fourier;
  if (f === undefined) return [];
  const p: string[] = [];
  if (!(Number.isInteger(f.features) && f.features >= 1 && f.features <= 1024)) p.push(`fourier_features must be an integer in 1…1024 (got ${f.features})`);
  if (!(typeof f.scale === 'number' && f.scale > 0)) p.push(`fourier_scale must be > 0 (got ${f.scale})`);
  if (!Array.isArray(f.b) || f.b.length !== f.features * spec.dataDim || !f.b.every((v) => Number.isFinite(v))) {
    p.push(`the Fourier frequencies B must be ${f.features}×${spec.dataDim} finite numbers`);
  }
  if ((spec.architecture ?? 'mlp') !== 'mlp') p.push(`model.fourier_features needs architecture mlp (got ${spec.architecture})`);
  return p;
}
