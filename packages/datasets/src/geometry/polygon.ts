/**
 * Filled shapes as sets of closed rings (even-odd rule, so a ring inside another is a hole: the T-Rex's eye, the
 * counter of a letter in an SVG). Sampling uniformly inside is rejection sampling in the bounding box; sampling
 * on the outline is uniform by arc length.
 */
import type { Bounds, Rng } from '@flow-visualizer/core';

/** A closed ring: x0, y0, x1, y1, … (the closing edge back to the first vertex is implied). */
export type Ring = ArrayLike<number>;

export function ringsBounds(rings: readonly Ring[]): Bounds {
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (const r of rings) {
    for (let i = 0; i < r.length; i += 2) {
      xmin = Math.min(xmin, r[i]); xmax = Math.max(xmax, r[i]);
      ymin = Math.min(ymin, r[i + 1]); ymax = Math.max(ymax, r[i + 1]);
    }
  }
  return { xmin, xmax, ymin, ymax };
}

/** Even-odd point-in-polygon over all rings (crossing count of a ray to +x). */
export function insideRings(rings: readonly Ring[], x: number, y: number): boolean {
  let inside = false;
  for (const r of rings) {
    const n = r.length >> 1;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = r[2 * i], yi = r[2 * i + 1], xj = r[2 * j], yj = r[2 * j + 1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * Area enclosed under the even-odd rule, estimated on a grid (only used to sanity-check that a shape has any).
 * Row by row: the edges' crossings of a row are found once and sorted, then each cell centre counts the
 * crossings to its right (as insideRings does). grid × edges work, not grid² × edges: 40,000 zero-area curves
 * (which have no inside cell, so every cell would be tried) take a fraction of a second, not a minute.
 */
export function hasInterior(rings: readonly Ring[], grid = 64): boolean {
  const b = ringsBounds(rings);
  const xs: number[] = [];
  for (let j = 0; j < grid; j++) {
    const y = b.ymin + ((j + 0.5) / grid) * (b.ymax - b.ymin);
    xs.length = 0;
    for (const r of rings) {
      const n = r.length >> 1;
      for (let i = 0, k = n - 1; i < n; k = i++) {
        const xi = r[2 * i], yi = r[2 * i + 1], xk = r[2 * k], yk = r[2 * k + 1];
        if (yi > y !== yk > y) xs.push(((xk - xi) * (y - yi)) / (yk - yi) + xi);
      }
    }
    if (xs.length < 2) continue;
    xs.sort((a, c) => a - c);
    let right = 0; // crossings at or left of the current x (x < crossing counts, as in insideRings)
    for (let i = 0; i < grid; i++) {
      const x = b.xmin + ((i + 0.5) / grid) * (b.xmax - b.xmin);
      while (right < xs.length && !(x < xs[right])) right++;
      if ((xs.length - right) % 2 === 1) return true;
    }
  }
  return false;
}

/**
 * Writes `count` points drawn uniformly inside the rings into `out` from point index `start`. Rejection sampling:
 * every accepted point is an independent uniform draw, so the result is already in random order.
 */
export function sampleInside(rings: readonly Ring[], count: number, rng: Rng, out: Float32Array, start = 0): void {
  const b = ringsBounds(rings);
  const w = b.xmax - b.xmin, h = b.ymax - b.ymin;
  let k = start, tries = 0;
  const limit = 10_000 * (count + 1);
  while (k < start + count) {
    if (++tries > limit) throw new Error('sampleInside: the shape has (almost) no interior');
    const x = b.xmin + w * rng.next(), y = b.ymin + h * rng.next();
    if (insideRings(rings, x, y)) {
      out[2 * k] = x;
      out[2 * k + 1] = y;
      k++;
    }
  }
}

/** A polyline (open or closed) prepared for uniform sampling by arc length. */
export interface Outline {
  /** Segments as x0, y0, x1, y1 quadruples. */
  segs: Float64Array;
  /** Cumulative length at the end of each segment. */
  cum: Float64Array;
  total: number;
}

/** Segments of polylines; `closed` (for all, or per line) adds the edge from the last vertex back to the first. */
export function outlineOf(lines: readonly Ring[], closed: boolean | readonly boolean[]): Outline {
  const quads: number[] = [];
  for (const [k, r] of lines.entries()) {
    const n = r.length >> 1;
    const m = (typeof closed === 'boolean' ? closed : closed[k]) ? n : n - 1;
    for (let i = 0; i < m; i++) {
      const j = (i + 1) % n;
      quads.push(r[2 * i], r[2 * i + 1], r[2 * j], r[2 * j + 1]);
    }
  }
  const segs = Float64Array.from(quads);
  const cum = new Float64Array(segs.length / 4);
  let total = 0;
  for (let s = 0; s < cum.length; s++) {
    total += Math.hypot(segs[4 * s + 2] - segs[4 * s], segs[4 * s + 3] - segs[4 * s + 1]);
    cum[s] = total;
  }
  return { segs, cum, total };
}

/** Writes `count` points uniform by arc length along the outline into `out` from point index `start`. */
export function sampleOnOutline(o: Outline, count: number, rng: Rng, out: Float32Array, start = 0): void {
  for (let k = start; k < start + count; k++) {
    const u = rng.next() * o.total;
    const s = upperBound(o.cum, u);
    const len = o.cum[s] - (s > 0 ? o.cum[s - 1] : 0);
    const f = len > 0 ? (u - (o.cum[s] - len)) / len : 0;
    out[2 * k] = o.segs[4 * s] + f * (o.segs[4 * s + 2] - o.segs[4 * s]);
    out[2 * k + 1] = o.segs[4 * s + 1] + f * (o.segs[4 * s + 3] - o.segs[4 * s + 1]);
  }
}

/** First index whose cumulative value exceeds u (clamped to the last), by binary search. */
export function upperBound(cum: ArrayLike<number>, u: number): number {
  let lo = 0, hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Maps every vertex of every ring through f (returns new rings). */
export function mapRings(rings: readonly Ring[], f: (x: number, y: number) => [number, number]): Float64Array[] {
  return rings.map((r) => {
    const o = new Float64Array(r.length);
    for (let i = 0; i < r.length; i += 2) [o[i], o[i + 1]] = f(r[i], r[i + 1]);
    return o;
  });
}
