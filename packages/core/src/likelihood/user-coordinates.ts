import type { BoxFitMap } from '../ports/dataset.js';

/**
 * The user's coordinates and the model's box: a dataset that fitted the user's points into the box with
 * box = (user − c)·s gives the density in the user's units as p_user(u) = p_box((u − c)·s)·s^d, so
 * log p_user = log p_box + d·log s. Without a fit both are the same.
 */
export function userToBox(points: Float32Array | Float64Array, fit: BoxFitMap | undefined): Float32Array {
  const out = new Float32Array(points.length);
  for (let i = 0; i < points.length; i += 2) {
    out[i] = fit ? (points[i] - fit.cx) * fit.s : points[i];
    out[i + 1] = fit ? (points[i + 1] - fit.cy) * fit.s : points[i + 1];
  }
  return out;
}

export function boxToUser(points: Float32Array, fit: BoxFitMap | undefined): Float64Array {
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i += 2) {
    out[i] = fit ? points[i] / fit.s + fit.cx : points[i];
    out[i + 1] = fit ? points[i + 1] / fit.s + fit.cy : points[i + 1];
  }
  return out;
}

/** log |det ∂box/∂user| = d·log s (2D), added to the box's log p to give the user's. */
export function userLogDet(fit: BoxFitMap | undefined, d = 2): number {
  return fit ? d * Math.log(fit.s) : 0;
}
