import { stripGroups } from './point-groups.js';
import type { AssignmentWorkspace } from './assignment-workspace.js';

/** What the coarse start needs of the solver it runs on the group centroids: its auction's matching and prices. */
export interface ApproximateSolver {
  solve(a: Float32Array, b: Float32Array, out: Int32Array): Int32Array;
  /** After solve: the column of each row (−1: left unassigned by a cut-short auction). */
  readonly rowColumns: Int32Array;
  /** After solve: the column potentials. */
  readonly potentials: Float64Array;
}

/**
 * The coarse-to-fine start: predicts the column potentials v of an n-point problem from an n/4-point one. Both
 * sets are cut into n/4 groups of nearby points (strips, then cells), the group centroids are matched by a solver
 * of their own (itself started the same way, and stopped after its first auction phase), and v_j is the
 * c-transform min_k |A_k − b_j|² − U_k of the centroids' row potentials U. The auction can then start at a small
 * ε, skipping the phases a cold start spends finding the prices.
 */
export class CoarseStart {
  private helper?: ApproximateSolver;
  private n = -1;
  private keys!: Float64Array;
  private idx!: Int32Array;
  private groupA!: Int32Array;
  private groupB!: Int32Array;
  private centA!: Float32Array;
  private centB!: Float32Array;
  private rowPot!: Float64Array;
  private sigma!: Int32Array;

  /** makeHelper: the solver for the centroids, made on first use. */
  constructor(private readonly makeHelper: () => ApproximateSolver) {}

  /**
   * Writes the predicted potentials into ws.v for the problem of ws (costs centred by t = (tx, ty), see
   * centredCosts). Returns false (start cold) where the prediction is unusable.
   */
  predict(ws: AssignmentWorkspace, a: Float32Array, b: Float32Array, tx: number, ty: number): boolean {
    const n = ws.n, m = n >> 2, v = ws.v;
    this.helper ??= this.makeHelper();
    if (this.n !== n) {
      this.n = n;
      this.keys = new Float64Array(n);
      this.idx = new Int32Array(n);
      this.groupA = new Int32Array(n);
      this.groupB = new Int32Array(n);
      this.centA = new Float32Array(2 * m);
      this.centB = new Float32Array(2 * m);
      this.rowPot = new Float64Array(m);
      this.sigma = new Int32Array(m);
    }
    const { keys, idx, centA: cA, centB: cB, rowPot: cU } = this;
    stripGroups(a, n, m, keys, idx, this.groupA, cA);
    stripGroups(b, n, m, keys, idx, this.groupB, cB);
    // Data centroids in this problem's frame (minus t), so that the coarse costs are this problem's costs.
    let ux = 0, uy = 0;
    for (let k = 0; k < m; k++) {
      cA[2 * k] -= tx;
      cA[2 * k + 1] -= ty;
      ux += cA[2 * k] - cB[2 * k];
      uy += cA[2 * k + 1] - cB[2 * k + 1];
    }
    const co = this.helper;
    co.solve(cA, cB, this.sigma);
    // The helper centres again by t' (≈ 0: equal group sizes keep the means): its v_l, for costs |A − t' − B|²,
    // becomes v_l − 2 B_l·t' for costs |A − B|². Then U_k = |A_k − B_l|² − v_l on each pair k–l.
    ux /= m;
    uy /= m;
    const cv = co.potentials, cx = co.rowColumns;
    for (let k = 0; k < m; k++) {
      const l = cx[k];
      if (l < 0) {
        cU[k] = -Infinity; // left unassigned by a cut-short auction: out of the c-transform
        continue;
      }
      const Bx = cB[2 * l], By = cB[2 * l + 1];
      cU[k] = (cA[2 * k] - Bx) ** 2 + (cA[2 * k + 1] - By) ** 2 - (cv[l] - 2 * (Bx * ux + By * uy));
    }
    for (let j = 0; j < n; j++) {
      const bx = b[2 * j], by = b[2 * j + 1];
      let best = Infinity;
      for (let k = 0; k < m; k++) {
        const e = (cA[2 * k] - bx) ** 2 + (cA[2 * k + 1] - by) ** 2 - cU[k];
        if (e < best) best = e;
      }
      if (!Number.isFinite(best)) return false;
      v[j] = best;
    }
    return true;
  }
}
