/** Checkable shape statistics for tests: connected clusters on a grid, runs along a line, counts in a region. */

/**
 * Number of 8-connected clusters of occupied grid cells (cell side `h`, a cell counts when it holds at least
 * `minCount` points), ignoring clusters with fewer than `minPoints` points (stray noise).
 */
export function clusters(p: Float32Array, h = 0.1, minCount = 1, minPoints = 10, keep: (x: number, y: number) => boolean = () => true): number {
  const cells = new Map<string, number>();
  for (let i = 0; i < p.length; i += 2) {
    if (!keep(p[i], p[i + 1])) continue;
    const k = `${Math.floor(p[i] / h)},${Math.floor(p[i + 1] / h)}`;
    cells.set(k, (cells.get(k) ?? 0) + 1);
  }
  const seen = new Set<string>();
  let count = 0;
  for (const [start, c0] of cells) {
    if (seen.has(start) || c0 < minCount) continue;
    let total = 0;
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const k = stack.pop()!;
      total += cells.get(k)!;
      const [i, j] = k.split(',').map(Number);
      for (let di = -1; di <= 1; di++) {
        for (let dj = -1; dj <= 1; dj++) {
          const nk = `${i + di},${j + dj}`;
          if (!seen.has(nk) && (cells.get(nk) ?? 0) >= minCount) {
            seen.add(nk);
            stack.push(nk);
          }
        }
      }
    }
    if (total >= minPoints) count++;
  }
  return count;
}

/** Number of separate runs of occupied x bins (bin width `bin`) among points with y in [y0, y1). */
export function xRuns(p: Float32Array, y0: number, y1: number, bin: number): number {
  const occ = new Set<number>();
  for (let i = 0; i < p.length; i += 2) if (p[i + 1] >= y0 && p[i + 1] < y1) occ.add(Math.floor(p[i] / bin));
  const bins = [...occ].sort((a, b) => a - b);
  let runs = bins.length ? 1 : 0;
  for (let i = 1; i < bins.length; i++) if (bins[i] !== bins[i - 1] + 1) runs++;
  return runs;
}

export function countIn(p: Float32Array, x0: number, x1: number, y0: number, y1: number): number {
  let c = 0;
  for (let i = 0; i < p.length; i += 2) if (p[i] >= x0 && p[i] < x1 && p[i + 1] >= y0 && p[i + 1] < y1) c++;
  return c;
}

/** Mirror symmetry about the vertical line x = cx: share of points whose mirror image has a point within `r`. */
export function mirrorScore(p: Float32Array, cx: number, r = 0.08, probe = 400): number {
  let hit = 0;
  const m = Math.min(probe, p.length / 2);
  for (let i = 0; i < m; i++) {
    const mx = 2 * cx - p[2 * i], my = p[2 * i + 1];
    for (let j = 0; j < p.length; j += 2) {
      if (Math.abs(p[j] - mx) < r && Math.abs(p[j + 1] - my) < r) {
        hit++;
        break;
      }
    }
  }
  return hit / m;
}
