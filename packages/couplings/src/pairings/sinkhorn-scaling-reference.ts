/**
 * The Sinkhorn scaling loop as it was written first (two matrix–vector products per iteration, one pass over K
 * each): the reference that the fused JavaScript loop (sinkhorn-scaling.ts) and the native one are tested and
 * benchmarked against (scripts/bench-sinkhorn.mjs). Not used by any pairing.
 */
export function sinkhornScalingReference(K: Float32Array, n: number, maxIter: number, tol: number, v: Float64Array): number {
  const u = new Float64Array(n).fill(1);
  v.fill(1);
  const kv = new Float64Array(n);
  const ktu = new Float64Array(n);
  let it = 0;
  while (it < maxIter) {
    it++;
    // v = (1/n) / Kᵀu
    ktu.fill(0);
    for (let i = 0; i < n; i++) {
      const ui = u[i], row = i * n;
      for (let j = 0; j < n; j++) ktu[j] += K[row + j] * ui;
    }
    for (let j = 0; j < n; j++) v[j] = ktu[j] > 0 ? 1 / ktu[j] : 1e300;
    // u = (1/n) / Kv, and the row marginals before that update tell whether we are done.
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += K[row + j] * v[j];
      kv[i] = s;
      worst = Math.max(worst, Math.abs(u[i] * s - 1));
    }
    for (let i = 0; i < n; i++) u[i] = kv[i] > 0 ? 1 / kv[i] : 1e300;
    if (worst < tol) break;
  }
  return it;
}
