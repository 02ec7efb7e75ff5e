import type { Snapshot } from './result.js';

export interface StraightnessStats {
  /** Mean over points of (path length / distance between the path's ends); 1 = every path straight. */
  mean: number;
  median: number;
  /** Points that counted (those that barely moved are left out: their ratio says nothing). */
  n: number;
}

/**
 * How straight the generated paths are, from snapshots of the same points at increasing times (the frames of
 * a trajectory): for each point, the length of the polyline through its snapshots divided by the distance
 * from its first to its last position. The polyline only resolves curvature on the scale of the frame spacing,
 * so use many frames (visualize keeps 61).
 */
export function straightnessStats(frames: readonly Snapshot[], minDisplacement = 1e-6): StraightnessStats {
  const sorted = [...frames].sort((a, b) => a.t - b.t);
  if (sorted.length < 2) return { mean: NaN, median: NaN, n: 0 };
  const m = sorted[0].x.length >> 1;
  const first = sorted[0].x, last = sorted[sorted.length - 1].x;
  const ratios: number[] = [];
  for (let i = 0; i < m; i++) {
    let len = 0;
    for (let k = 1; k < sorted.length; k++) {
      const a = sorted[k - 1].x, b = sorted[k].x;
      len += Math.hypot(b[2 * i] - a[2 * i], b[2 * i + 1] - a[2 * i + 1]);
    }
    const d = Math.hypot(last[2 * i] - first[2 * i], last[2 * i + 1] - first[2 * i + 1]);
    if (d > minDisplacement && Number.isFinite(len)) ratios.push(len / d);
  }
  if (ratios.length === 0) return { mean: NaN, median: NaN, n: 0 };
  ratios.sort((a, b) => a - b);
  const mean = ratios.reduce((s, r) => s + r, 0) / ratios.length;
  return { mean, median: ratios[ratios.length >> 1], n: ratios.length };
}

/** Mean ratio of path length to endpoint distance over the frames of a trajectory (1 = straight). */
export function straightness(frames: readonly Snapshot[]): number {
  return straightnessStats(frames).mean;
}
