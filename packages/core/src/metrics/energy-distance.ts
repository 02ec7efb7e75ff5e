import { pointCount } from '../points.js';

/** Mean Euclidean distance between the first n points of a and the first m of b (all pairs). */
export function meanDistance(a: Float32Array, n: number, b: Float32Array, m: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = a[2 * i], y = a[2 * i + 1];
    let row = 0;
    for (let j = 0; j < m; j++) {
      const dx = x - b[2 * j], dy = y - b[2 * j + 1];
      row += Math.sqrt(dx * dx + dy * dy);
    }
    total += row;
  }
  return total / (n * m);
}

/** Mean distance over all n² ordered pairs of one set (diagonal zeros included), summing each pair once. */
export function meanDistanceWithin(a: Float32Array, n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = a[2 * i], y = a[2 * i + 1];
    for (let j = i + 1; j < n; j++) {
      const dx = x - a[2 * j], dy = y - a[2 * j + 1];
      total += Math.sqrt(dx * dx + dy * dy);
    }
  }
  return (2 * total) / (n * n);
}

/**
 * Energy distance (Székely & Rizzo) between two 2D point sets: 2 E|X − Y| − E|X − X'| − E|Y − Y'|, as a
 * V-statistic over all pairs (so it is ≥ 0, and exactly 0 for identical sets). In data units; it is the squared
 * MMD of the distance kernel, so it sees differences at every scale. O(n·m); uses the first `maxPoints` of each
 * set (pass shuffled sets).
 */
export function energyDistance(a: Float32Array, b: Float32Array, maxPoints = 2000): number {
  const n = Math.min(pointCount(a), maxPoints), m = Math.min(pointCount(b), maxPoints);
  if (n === 0 || m === 0) return NaN;
  const e = 2 * meanDistance(a, n, b, m) - meanDistanceWithin(a, n) - meanDistanceWithin(b, m);
  return Math.max(0, e);
}
