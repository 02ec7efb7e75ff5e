/** The generated points at any t in [0, 1], linear in t between the two nearest `result.frames` snapshots. */
import type { Snapshot } from '@flow-visualizer/core';

// Module-scope aliases: hot loops run several times slower in a VM context (Jest) when they read `Math` globally.
const { max, min } = Math;

export interface PointsAtTime {
  /** Writes the positions at t of the chosen points into `out` (n×2) and returns it. */
  at(t: number, out: Float32Array): Float32Array;
  count: number;
}

/** `indices`: which points to follow (a subset for large runs); all when omitted. */
export function pointsAtTime(frames: readonly Snapshot[], indices?: Uint32Array): PointsAtTime {
  const sorted = [...frames].sort((a, b) => a.t - b.t);
  if (!sorted.length) throw new Error('the result has no frames to animate');
  const count = indices ? indices.length : sorted[0].x.length >> 1;
  return {
    count,
    at(t, out) {
      let hi = sorted.findIndex((f) => f.t >= t);
      if (hi < 0) hi = sorted.length - 1;
      const lo = sorted[hi].t > t && hi > 0 ? hi - 1 : hi;
      const a = sorted[lo].x, b = sorted[hi].x;
      const span = sorted[hi].t - sorted[lo].t;
      const w = span > 0 ? min(1, max(0, (t - sorted[lo].t) / span)) : 0;
      for (let i = 0; i < count; i++) {
        const j = indices ? indices[i] : i;
        out[2 * i] = a[2 * j] + (b[2 * j] - a[2 * j]) * w;
        out[2 * i + 1] = a[2 * j + 1] + (b[2 * j + 1] - a[2 * j + 1]) * w;
      }
      return out;
    },
  };
}
