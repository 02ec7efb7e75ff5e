import { pairingCost } from '../assignment/assignment.js';

/**
 * The textbook O(n³) Hungarian algorithm (potentials + shortest augmenting paths, 1-based, dense): an
 * independent reference for the exact assignment solver's tests. Returns the least Σ|a_i − b_σ(i)|².
 */
export function hungarianCost(a: Float32Array, b: Float32Array): number {
  const n = a.length >> 1;
  const c = (i: number, j: number) => (a[2 * i] - b[2 * j]) ** 2 + (a[2 * i + 1] - b[2 * j + 1]) ** 2;
  const col = hungarianAssignment(n, c);
  let total = 0;
  for (let i = 0; i < n; i++) total += c(i, col[i]);
  return total;
}

/** The same Hungarian algorithm on any n×n cost c(row, column): returns each row's column in a least-cost assignment. */
export function hungarianAssignment(n: number, c: (i: number, j: number) => number): Int32Array {
  const u = new Float64Array(n + 1), v = new Float64Array(n + 1), p = new Int32Array(n + 1), way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity, j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = c(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const col = new Int32Array(n);
  for (let j = 1; j <= n; j++) col[p[j] - 1] = j - 1;
  return col;
}

/** The least Σ|a_i − b_σ(i)|² over all permutations, by enumeration (tiny n only). */
export function bruteForce(a: Float32Array, b: Float32Array): number {
  const n = a.length >> 1;
  const perm = Array.from({ length: n }, (_, i) => i);
  let best = Infinity;
  const rec = (k: number) => {
    if (k === n) {
      best = Math.min(best, pairingCost(a, b, perm));
      return;
    }
    for (let i = k; i < n; i++) {
      [perm[k], perm[i]] = [perm[i], perm[k]];
      rec(k + 1);
      [perm[k], perm[i]] = [perm[i], perm[k]];
    }
  };
  rec(0);
  return best;
}
