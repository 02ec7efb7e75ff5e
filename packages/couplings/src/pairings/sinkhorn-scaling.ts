/**
 * The Sinkhorn–Knopp scaling loop over a kernel K (n×n, row-major, float32), in plain JavaScript: the path every
 * platform has (the browser included). A faster one may replace it through the core's SINKHORN_KERNEL port (the
 * native addon's C loop); every implementation must do the arithmetic below, in this order up to float rounding.
 *
 * With the plan P = diag(u)·K·diag(v) (marginals scaled to 1 rather than 1/n; the plan's rows are read
 * normalised, so the factor is immaterial), one iteration is
 *   v = 1 / Kᵀu;  the row marginals r_i = u_i·(Kv)_i;  u = 1 / Kv;  stop when max_i |r_i − 1| < tol,
 * with 1/0 read as 1e300 (a column whose kernel underflowed). The stopping test is checked every iteration (POT
 * checks every 10th: here the check is free, since it reads the products the update makes anyway) and uses the
 * relative error of the row marginals (POT: the absolute error of the column marginals after the u update, 1e-9).
 *
 * Why one pass over K per iteration: the row i of Kv gives u_i at once, and the same row, still in cache, adds
 * u_i·K_i· into the next iteration's Kᵀu. The sums are the same sums in the same order as two separate
 * matrix–vector products (Kᵀu summed over rows in row order), so the bits do not change; memory traffic halves.
 */
export function sinkhornScaling(K: Float32Array, n: number, maxIter: number, tol: number, v: Float64Array): number {
  const u = new Float64Array(n).fill(1);
  v.fill(1); // maxIter 0: the kernel's own rows, as the reference loop leaves them
  let ktu = new Float64Array(n);
  let next = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) ktu[j] += K[row + j]; // Kᵀu with u = 1: the same products (K·1) in the same order
  }
  let it = 0;
  while (it < maxIter) {
    it++;
    for (let j = 0; j < n; j++) v[j] = ktu[j] > 0 ? 1 / ktu[j] : 1e300;
    const last = it === maxIter; // no next iteration: skip its Kᵀu
    next.fill(0);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += K[row + j] * v[j];
      worst = Math.max(worst, Math.abs(u[i] * s - 1));
      const ui = s > 0 ? 1 / s : 1e300;
      u[i] = ui;
      if (!last) for (let j = 0; j < n; j++) next[j] += K[row + j] * ui;
    }
    if (worst < tol) break;
    [ktu, next] = [next, ktu];
  }
  return it;
}
