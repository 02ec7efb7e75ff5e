/** Helpers of the exact assignment: grouping 2D points for its coarse-to-fine start (coarse-start.ts), and picking the least entries for its candidate lists (candidate-lists.ts). */

/**
 * Cuts the n points p into m groups of near-equal size: strips across the wider axis (sorted by that
 * coordinate), each strip cut along the other axis; writes each point's group and the group centroids.
 * Native sorts of packed keys (coordinate quantised to 2^20 levels, then the index), so it is cheap.
 */
export function stripGroups(p: Float32Array, n: number, m: number, keys: Float64Array, idx: Int32Array, group: Int32Array, cent: Float32Array): void {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    const px = p[2 * i], py = p[2 * i + 1];
    if (px < x0) x0 = px;
    if (px > x1) x1 = px;
    if (py < y0) y0 = py;
    if (py > y1) y1 = py;
  }
  const axis = x1 - x0 >= y1 - y0 ? 0 : 1;
  const lo0 = axis ? y0 : x0, lo1 = axis ? x0 : y0;
  const s0 = 1048575 / ((axis ? y1 - y0 : x1 - x0) || 1), s1 = 1048575 / ((axis ? x1 - x0 : y1 - y0) || 1);
  for (let i = 0; i < n; i++) keys[i] = Math.floor((p[2 * i + axis] - lo0) * s0) * n + i;
  keys.sort();
  for (let q = 0; q < n; q++) idx[q] = keys[q] % n;
  const strips = Math.max(1, Math.floor(Math.sqrt(m)));
  let g0 = 0;
  for (let s = 0; s < strips; s++) {
    const gs = Math.floor(m / strips) + (s < m % strips ? 1 : 0);
    const lo = Math.round((n * g0) / m), hi = Math.round((n * (g0 + gs)) / m);
    for (let q = lo; q < hi; q++) keys[q] = Math.floor((p[2 * idx[q] + 1 - axis] - lo1) * s1) * n + idx[q];
    keys.subarray(lo, hi).sort();
    for (let g = 0; g < gs; g++) {
      const a = lo + Math.round(((hi - lo) * g) / gs), b = lo + Math.round(((hi - lo) * (g + 1)) / gs);
      let sx = 0, sy = 0;
      for (let q = a; q < b; q++) {
        const i = keys[q] % n;
        group[i] = g0 + g;
        sx += p[2 * i];
        sy += p[2 * i + 1];
      }
      cent[2 * (g0 + g)] = sx / (b - a);
      cent[2 * (g0 + g) + 1] = sy / (b - a);
    }
    g0 += gs;
  }
}

/** Reorders idx[0, len) so that its first m entries have the m least keys (quickselect). */
export function selectLeast(idx: Int32Array, len: number, m: number, key: Float64Array): void {
  let l = 0, r = len - 1;
  while (l < r) {
    const pv = key[idx[(l + r) >> 1]];
    let i = l, j = r;
    while (i <= j) {
      while (key[idx[i]] < pv) i++;
      while (key[idx[j]] > pv) j--;
      if (i <= j) {
        const t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
        i++;
        j--;
      }
    }
    if (m - 1 <= j) r = j;
    else if (m >= i) l = i;
    else break;
  }
}
