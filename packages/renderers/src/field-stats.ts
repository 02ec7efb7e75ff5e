import type { FieldSnapshot } from '@flow-visualizer/core';

/**
 * Largest finite |v| over some fields (0 when none): both renderers scale every arrow of a figure by it, so that
 * the longest arrow anywhere is a fixed fraction of a grid cell and panels at different t compare by eye.
 */
export function maxSpeed(fields: readonly FieldSnapshot[]): number {
  let m = 0;
  for (const f of fields) for (let i = 0; i + 1 < f.velocity.length; i += 2) {
    const s = Math.hypot(f.velocity[i], f.velocity[i + 1]);
    if (Number.isFinite(s) && s > m) m = s;
  }
  return m;
}
