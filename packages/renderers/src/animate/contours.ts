/**
 * Iso-lines of a grid by marching squares: for each cell, which corners lie above the level decides which edges
 * the line crosses, and the crossing points are interpolated linearly along those edges. Returns segments, not
 * joined polylines: stroking them draws the same picture.
 */
import type { DensityGrid } from './kde.js';

/** Segments [x1, y1, x2, y2, …] in grid units (x = column, y = row, row 0 at the bottom). */
export function contourSegments(grid: DensityGrid, level: number): Float32Array {
  const { values: v, size } = grid;
  const out: number[] = [];
  const lerp = (a: number, b: number) => (level - a) / (b - a || 1e-12);
  for (let y = 0; y + 1 < size; y++) {
    for (let x = 0; x + 1 < size; x++) {
      const a = v[y * size + x], b = v[y * size + x + 1], c = v[(y + 1) * size + x + 1], d = v[(y + 1) * size + x];
      // Corners: a bottom-left, b bottom-right, c top-right, d top-left.
      const code = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      const bottom = () => [x + lerp(a, b), y];
      const right = () => [x + 1, y + lerp(b, c)];
      const top = () => [x + lerp(d, c), y + 1];
      const left = () => [x, y + lerp(a, d)];
      const seg = (p: number[], q: number[]) => out.push(p[0], p[1], q[0], q[1]);
      switch (code) {
        case 1: case 14: seg(left(), bottom()); break;
        case 2: case 13: seg(bottom(), right()); break;
        case 3: case 12: seg(left(), right()); break;
        case 4: case 11: seg(right(), top()); break;
        case 6: case 9: seg(bottom(), top()); break;
        case 7: case 8: seg(left(), top()); break;
        case 5: case 10: {
          // A saddle: the cell's mean decides whether the two high corners are joined.
          const joined = (a + b + c + d) / 4 >= level;
          if ((code === 5) === joined) { seg(left(), top()); seg(bottom(), right()); }
          else { seg(left(), bottom()); seg(right(), top()); }
          break;
        }
      }
    }
  }
  return Float32Array.from(out);
}
