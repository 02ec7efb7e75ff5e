import { AssignmentWorkspace, centredCosts, columnMinima } from './assignment-workspace.js';
import { auction, freeNotTight, zeroBids } from './auction.js';
import { AugmentingPaths } from './augmenting-paths.js';
import { CoarseStart, type ApproximateSolver } from './coarse-start.js';
import { columnReduction } from './column-reduction.js';

export { pairingCost } from './pairing-cost.js';

/**
 * Exact minibatch OT coupling: the permutation σ minimising Σ_i |a_i − b_σ(i)|² between two sets of n 2D points
 * (a linear sum assignment), by Jonker–Volgenant (LAPJV, 1987) with an auction start. Structure follows
 * gatagat/lap's lapjv.cpp (BSD-2). The stages, one file each:
 * 1. centredCosts (assignment-workspace.ts): the n×n cost matrix, once per batch, between the sets each centred;
 * 2. a start that leaves most rows assigned with nearly optimal prices: for n ≥ 64 the coarse-to-fine
 *    prediction (coarse-start.ts) and an ε-scaling auction (auction.ts) bidding through short candidate lists
 *    (candidate-lists.ts); below that, column reduction (column-reduction.ts);
 * 3. the exact end: rows not exactly tight are freed, cleared by ε = 0 bids (auction.ts), and the few left by
 *    shortest augmenting paths (augmenting-paths.ts).
 * What each choice saved, and what was tried without gain: scripts/README-pairing.md (`npm run bench:pairing`).
 * The result is exact whatever the start, and depends only on the arguments (no state carries over between
 * calls but buffers), so pairings computed on different threads agree. O(n³) worst case.
 */
export class PointAssignment implements ApproximateSolver {
  private ws?: AssignmentWorkspace;
  private paths?: AugmentingPaths;
  private readonly coarse = new CoarseStart(() => new PointAssignment('auto', true));

  /**
   * start: 'auto': from n ≥ 64 the coarse-to-fine auction start (below that column reduction is as fast);
   * 'auction': the auction from column-reduction prices (no coarse problem); 'reduction': column reduction.
   * approximate (for the coarse start's own helper): stop after the auction's first phase; only its matching and
   * prices (rowColumns, potentials) are wanted, `out` is left as it was.
   */
  constructor(
    private readonly start: 'auto' | 'auction' | 'reduction' = 'auto',
    private readonly approximate = false,
  ) {}

  get rowColumns(): Int32Array {
    return this.ws!.x;
  }

  get potentials(): Float64Array {
    return this.ws!.v;
  }

  /** The buffers for an n×n problem: made anew only when n changes (all that carries over between calls). */
  private workspaceFor(n: number): AssignmentWorkspace {
    if (this.ws?.n !== n) {
      this.ws = new AssignmentWorkspace(n);
      this.paths = new AugmentingPaths(n);
    }
    return this.ws;
  }

  /**
   * a, b: n points each (n×2 interleaved, finite). Returns `out` (or a new array) with out[i] = the index of the
   * point of b given to point i of a.
   */
  solve(a: Float32Array, b: Float32Array, out: Int32Array = new Int32Array(a.length >> 1)): Int32Array {
    const n = a.length >> 1;
    if (b.length !== a.length) throw new Error(`assignment: ${n} points against ${b.length >> 1}`);
    if (n === 0) return out;
    if (n === 1) {
      out[0] = 0;
      return out;
    }
    const ws = this.workspaceFor(n);
    const { sum, tx, ty } = centredCosts(ws, a, b);
    // A NaN would make every comparison false and the auction bid forever.
    if (!Number.isFinite(sum)) throw new Error('assignment: non-finite coordinates');
    const { x, y } = ws;
    if (sum === 0) {
      // All points coincide: every pairing is optimal (and ε-scaling would have ε = 0). Zero potentials are then
      // exact duals, which is what a coarse helper hands on.
      for (let i = 0; i < n; i++) out[i] = x[i] = y[i] = i;
      ws.v.fill(0);
      return out;
    }
    ws.lists.reset();
    let nFree: number;
    if (this.start === 'auction' || (this.start === 'auto' && n >= 64)) {
      const warm = this.start === 'auto' && this.coarse.predict(ws, a, b, tx, ty);
      auction(ws, sum / (n * n), warm, this.approximate);
      if (this.approximate) return out;
      nFree = freeNotTight(ws);
      if (nFree > 0) nFree = zeroBids(ws, nFree, 4 * n);
    } else nFree = columnReduction(ws);
    if (nFree > 0) this.paths!.augment(ws, nFree);
    out.set(x);
    return out;
  }

  /**
   * The same exact assignment on any n×n cost: `fill` writes c[i·n + j] (row i, column j; finite) into the
   * workspace's matrix and returns their sum. For costs that are not squared distances between two point sets
   * (C²OT's, with a condition term), so there is no coarse start: by default the auction from column minima
   * (ε by their mean, below; start 'auction': the cold auction, 'reduction': column reduction), then the exact
   * end. Returns out[i] = the column given to row i.
   */
  solveCost(n: number, fill: (c: Float64Array) => number, out: Int32Array = new Int32Array(n)): Int32Array {
    if (n === 0) return out;
    if (n === 1) {
      out[0] = 0;
      return out;
    }
    const ws = this.workspaceFor(n);
    const sum = fill(ws.c);
    if (!Number.isFinite(sum)) throw new Error('assignment: non-finite costs');
    ws.lists.reset();
    let nFree: number;
    if (sum === 0 || this.start === 'reduction') nFree = columnReduction(ws);
    else if (this.start === 'auction') {
      // The cold auction (ε from the mean cost), the start before the one below: kept as a second start to check
      // against, and as the benchmark's "before".
      auction(ws, sum / (n * n), false, false);
      nFree = freeNotTight(ws);
      if (nFree > 0) nFree = zeroBids(ws, nFree, 4 * n);
    } else {
      // Start from the column minima, and scale ε by their mean rather than the mean cost. On C²OT's costs the
      // mean is set by the condition term (~45× the optimum per pair for 8 Gaussians → moons by x), while the
      // column minima are within a few % of the optimal duals: an ε from the mean cost spends its first, dense
      // phases undoing that start. 4× their mean, warm (lists from the first bid): 2.5–3× less time per solve on
      // those batches, measured flat from 3× to 6× (scripts/bench-c2ot-pairing.mjs). The exact end makes the
      // answer independent of the start; a zero scale (every column has a zero cost) takes the cold start.
      columnMinima(ws);
      let scale = 0;
      for (let j = 0; j < n; j++) scale += ws.v[j];
      scale = (4 * scale) / n;
      if (scale > 0 && Number.isFinite(scale)) auction(ws, scale, true, false);
      else auction(ws, sum / (n * n), false, false);
      nFree = freeNotTight(ws);
      if (nFree > 0) nFree = zeroBids(ws, nFree, 4 * n);
    }
    if (nFree > 0) this.paths!.augment(ws, nFree);
    out.set(ws.x);
    return out;
  }
}
