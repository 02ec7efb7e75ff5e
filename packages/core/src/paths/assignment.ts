import { heapPop, heapPush } from './min-heap.js';
import { selectLeast, stripGroups } from './point-groups.js';

/**
 * Exact minibatch OT coupling: the permutation σ minimising Σ_i |a_i − b_σ(i)|² between two sets of n 2D points
 * (a linear sum assignment). Jonker–Volgenant (LAPJV, 1987): a start that leaves most rows assigned with dual
 * feasible column potentials, then a shortest augmenting path (Dijkstra on reduced costs) from each row left
 * free. Structure follows gatagat/lap's lapjv.cpp (BSD-2).
 *
 * Choices measured on 256-point batches of Gaussian noise against T-Rex points (.scratch benchmarks, medians on a
 * shared 2-core machine; 8.9 ms per batch before this layout, 2.4 ms with the first four points, 1.3 ms with all):
 * - the n×n cost matrix is computed once per batch (512 KB of Float64 for n = 256): every bid and scan then
 *   reads one number instead of recomputing a distance;
 * - costs are taken between the two sets each centred on its mean (same optimum, see solve), so that ε follows
 *   the shape to match rather than how far apart the sets lie (3× faster for a batch 5σ away);
 * - the start is an ε-scaling auction (Bertsekas). Its prices are nearly optimal duals, so few rows are left for
 *   the exact stages below;
 * - each row keeps a short list of its cheapest columns and a lower bound on the reduced cost of all the others
 *   (prices only rise during bidding and path search, so the bound stays valid). A bid reads the list only; when
 *   the list's second best exceeds the bound the row rescans all columns (one pass, keeping the least columns
 *   within a slack of its minimum). The best two columns are therefore always the exact ones;
 * - coarse-to-fine start ('auto', n ≥ 64): both sets are cut into n/4 groups of nearby points (strips, then
 *   cells), the group centroids are matched by a PointAssignment of their own (recursively started the same way
 *   and stopped after one auction phase), and each column's price is predicted as the c-transform of the
 *   centroids' row potentials (median error ~1.5% of the mean cost). The auction then starts at ε = mean/256 with
 *   lists from the first bid, skipping the cold start's phases at ε = mean/4, /16, /64 (75% of its time, ~2500
 *   full-row bids per batch). 2.4 → 1.4 ms. Phase 1 (~2000 list bids) is now the largest part (~40%), then the
 *   coarse problem + grouping + c-transform (~20%), the cost matrix (~8%), the exact end (~20%);
 * - after the auction, rows not exactly at their row minimum are freed, then cleared by ε = 0 bids (LAPJV's
 *   augmenting row reduction, capped) and the few left by shortest augmenting paths on the lists: a row reached
 *   through its column relaxes only its list until the search distance reaches its bound, then all its columns,
 *   so the paths are the dense search's. LAPJV's usual start (column reduction + row reduction) is much slower
 *   on these geometric costs (long paths, price wars).
 * Tried without gain: a warm start from the previous batch's potentials (worse predictions than the coarse
 * problem, 3× the error, and history-dependent); solving the coarse problem exactly (better prediction, no fewer
 * bids); skipping the auction after the prediction (JV from predicted prices: ~40 long paths); keeping ε-tight
 * assignments across phases; 8× or 16× ε steps; other list lengths/slacks; Float32 costs; lists sorted by their
 * lower bounds (early exit, but the sort costs as much); branch-free best-two; LIFO bidding order.
 * The result is exact whatever the start, and depends only on the arguments (no state carries over between
 * calls but buffers), so pairings computed on different threads agree. O(n³) worst case.
 */
/** Candidate list length (per row). */
const LIST_MAX = 48;
/** Warm start: first ε (and a coarse helper's only ε), as a fraction of the mean cost. */
const WARM_EPS = 1 / 256;
/** Last ε of the auction, as a fraction of the mean cost. */
const FINAL_EPS = 1e-3;
/** Warm start: the lists keep the columns within this fraction of the mean cost of the row minimum. */
const WARM_SLACK = 0.06;

export class PointAssignment {
  private n = -1;
  private x!: Int32Array; // column of each row
  private y!: Int32Array; // row of each column
  private v!: Float64Array; // column potentials (minus prices): reduced cost c_ij − v_j
  private free!: Int32Array;
  private unique!: Uint8Array;
  private cols!: Int32Array;
  private pred!: Int32Array;
  private d!: Float64Array;
  private c!: Float64Array; // cost matrix, row-major
  private tmp!: Float64Array;
  private bx!: Float64Array; // b's coordinates, unpacked
  private by!: Float64Array;
  private cand!: Int32Array;
  // Candidate lists: row i's columns lj[i*k .. i*k + ln[i]), and lb[i] ≤ every other column's reduced cost.
  private k = 0;
  private lj!: Int32Array;
  private ln!: Int32Array;
  private lb!: Float64Array;
  private listSlack = 0; // a rebuilt list holds the columns within this of the row minimum (the k least at most)
  // best2's answer: the two least reduced costs of a row and their columns.
  private w1 = 0;
  private w2 = 0;
  private j1 = 0;
  private j2 = 0;
  // Coarse start: the instance solving the group problem, groups and centroids of both sets.
  private coarse?: PointAssignment;
  private approx = false; // a coarse helper: the auction's prices are all that is wanted
  private gIdx!: Int32Array;
  private gA!: Int32Array;
  private gB!: Int32Array;
  private cA!: Float32Array;
  private cB!: Float32Array;
  private cU!: Float64Array;
  private cSig!: Int32Array;
  // findPath's search state: per-column stamps (touched / settled in search number gen), heaps, row bounds.
  private gen = 0;
  private tAt!: Int32Array;
  private sAt!: Int32Array;
  private hd = new Float64Array(0);
  private hj = new Int32Array(0);
  private pd!: Float64Array;
  private pr!: Int32Array;
  private rBase!: Float64Array;
  private rH!: Float64Array;

  /**
   * 'auto': from n ≥ 64 the coarse-to-fine auction start (below that column reduction is as fast); 'auction':
   * the auction from column-reduction prices (no coarse problem); 'reduction': column reduction.
   */
  constructor(private readonly start: 'auto' | 'auction' | 'reduction' = 'auto') {}

  private ensure(n: number): void {
    if (n === this.n) return;
    this.n = n;
    this.x = new Int32Array(n);
    this.y = new Int32Array(n);
    this.v = new Float64Array(n);
    this.free = new Int32Array(n);
    this.unique = new Uint8Array(n);
    this.cols = new Int32Array(n);
    this.pred = new Int32Array(n);
    this.d = new Float64Array(n);
    this.c = new Float64Array(n * n);
    this.tmp = new Float64Array(n);
    this.bx = new Float64Array(n);
    this.by = new Float64Array(n);
    this.cand = new Int32Array(n);
    this.k = Math.max(2, Math.min(LIST_MAX, n));
    this.lj = new Int32Array(n * this.k);
    this.ln = new Int32Array(n);
    this.lb = new Float64Array(n);
    this.tAt = new Int32Array(n);
    this.sAt = new Int32Array(n);
    this.gen = 0;
    this.pd = new Float64Array(n);
    this.pr = new Int32Array(n);
    this.rBase = new Float64Array(n);
    this.rH = new Float64Array(n);
    this.hd = new Float64Array(4 * n);
    this.hj = new Int32Array(4 * n);
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
    this.ensure(n);
    const c = this.c;
    // Costs between the point sets each moved to its own mean: |a − b − t|² differs from |a − b|² by terms of a
    // alone and of b alone, which add the same total to every permutation, so the optimum is unchanged. But the
    // mean cost, which scales ε, then measures the shape to be matched rather than the distance between the sets.
    let tx = 0, ty = 0;
    for (let i = 0; i < n; i++) {
      tx += a[2 * i] - b[2 * i];
      ty += a[2 * i + 1] - b[2 * i + 1];
    }
    tx /= n;
    ty /= n;
    const { bx, by } = this;
    for (let j = 0; j < n; j++) {
      bx[j] = b[2 * j];
      by[j] = b[2 * j + 1];
    }
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const px = a[2 * i] - tx, py = a[2 * i + 1] - ty, row = i * n;
      for (let j = 0; j < n; j++) {
        const dx = px - bx[j], dy = py - by[j];
        const e = dx * dx + dy * dy;
        c[row + j] = e;
        sum += e;
      }
    }
    // A NaN would make every comparison false and the auction bid forever.
    if (!Number.isFinite(sum)) throw new Error('assignment: non-finite coordinates');
    const { x, y } = this;
    if (sum === 0) {
      // All points coincide: every pairing is optimal (and ε-scaling would have ε = 0). Zero potentials are then
      // exact duals, which is what a coarse helper hands on.
      for (let i = 0; i < n; i++) out[i] = x[i] = y[i] = i;
      this.v.fill(0);
      return out;
    }
    this.ln.fill(0);
    this.lb.fill(-Infinity);
    let nFree: number;
    if (this.start === 'auction' || (this.start === 'auto' && n >= 64)) {
      const warm = this.start === 'auto' && this.coarseStart(a, b, n, tx, ty);
      this.auction(n, sum / (n * n), warm);
      if (this.approx) return out;
      nFree = this.freeNotTight(n);
      if (nFree > 0) nFree = this.zeroBids(n, nFree, 4 * n);
    } else nFree = this.columnReduction(n);
    if (nFree > 0) this.augment(n, nFree);
    out.set(x);
    return out;
  }

  /**
   * Predicts the column potentials v from a coarse problem: both sets are cut into n/4 groups of nearby points
   * (strips, then cells), the group centroids are matched by a PointAssignment of their own (itself started the same way,
   * and stopped after its auction), and v_j is the c-transform min_k |A_k − b_j|² − U_k of the centroids' row
   * potentials U. Returns false (cold start) where the prediction is unusable.
   */
  private coarseStart(a: Float32Array, b: Float32Array, n: number, tx: number, ty: number): boolean {
    const m = n >> 2;
    if (!this.coarse) {
      this.coarse = new PointAssignment('auto');
      this.coarse.approx = true;
    }
    if (!this.gIdx || this.gIdx.length !== n) {
      this.gIdx = new Int32Array(n);
      this.gA = new Int32Array(n);
      this.gB = new Int32Array(n);
      this.cA = new Float32Array(2 * m);
      this.cB = new Float32Array(2 * m);
      this.cU = new Float64Array(m);
      this.cSig = new Int32Array(m);
    }
    const { gIdx, gA, gB, cA, cB, cU, v } = this;
    const keys = this.tmp;
    stripGroups(a, n, m, keys, gIdx, gA, cA);
    stripGroups(b, n, m, keys, gIdx, gB, cB);
    // Data centroids in this problem's frame (minus t), so that the coarse costs are this problem's costs.
    let ux = 0, uy = 0;
    for (let k = 0; k < m; k++) {
      cA[2 * k] -= tx;
      cA[2 * k + 1] -= ty;
      ux += cA[2 * k] - cB[2 * k];
      uy += cA[2 * k + 1] - cB[2 * k + 1];
    }
    const co = this.coarse;
    co.solve(cA, cB, this.cSig);
    // The coarse solver centres again by t' (≈ 0: equal group sizes keep the means): its v_l, for costs
    // |A − t' − B|², becomes v_l − 2 B_l·t' for costs |A − B|². Then U_k = |A_k − B_l|² − v_l on each pair k–l.
    ux /= m;
    uy /= m;
    const cv = co.v, cx = co.x;
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

  /**
   * The two least reduced costs of row i and their columns, into w1/w2/j1/j2. Exact: read from the row's list
   * when its second best is within the bound on the columns outside it, else from a full scan that rebuilds
   * the list (its two best first, then the least other columns within listSlack of the minimum, up to k).
   */
  private best2(i: number, n: number): void {
    const { c, v, lj, lb, ln, k } = this;
    const row = i * n, lrow = i * k, m = ln[i];
    let w1 = Infinity, w2 = Infinity, j1 = -1, j2 = -1;
    for (let q = 0; q < m; q++) {
      const j = lj[lrow + q];
      const r = c[row + j] - v[j];
      if (r < w2) {
        if (r < w1) {
          w2 = w1;
          j2 = j1;
          w1 = r;
          j1 = j;
        } else {
          w2 = r;
          j2 = j;
        }
      }
    }
    if (!(w2 <= lb[i])) {
      const { tmp, cand, listSlack } = this;
      // One pass: a column is kept for the list if within the running threshold max(w2, w1 + slack), which
      // only falls during the scan, so nothing within the final threshold is missed; the rest bound the outside.
      let nc = 0, bound = Infinity, thr = Infinity;
      w1 = Infinity;
      w2 = Infinity;
      for (let j = 0; j < n; j++) {
        const r = c[row + j] - v[j];
        if (r <= thr) {
          cand[nc++] = j;
          tmp[j] = r;
          if (r < w2) {
            if (r < w1) {
              w2 = w1;
              j2 = j1;
              w1 = r;
              j1 = j;
            } else {
              w2 = r;
              j2 = j;
            }
            const t2 = w1 + listSlack;
            thr = w2 > t2 ? w2 : t2;
          }
        } else if (r < bound) bound = r;
      }
      let nk = 0;
      for (let q = 0; q < nc; q++) {
        const j = cand[q];
        if (j === j1 || j === j2) continue;
        const r = tmp[j];
        if (r <= thr) cand[nk++] = j;
        else if (r < bound) bound = r;
      }
      const room = k - 2;
      if (nk > room) {
        // More than fit: keep the least, the others bound the outside.
        selectLeast(cand, nk, room, tmp);
        for (let q = room; q < nk; q++) {
          const r = tmp[cand[q]];
          if (r < bound) bound = r;
        }
        nk = room;
      }
      lj[lrow] = j1;
      lj[lrow + 1] = j2;
      for (let q = 0; q < nk; q++) lj[lrow + 2 + q] = cand[q];
      ln[i] = nk + 2;
      lb[i] = bound;
    }
    this.w1 = w1;
    this.w2 = w2;
    this.j1 = j1;
    this.j2 = j2;
  }

  /**
   * Forward auction with ε-scaling (Gauss–Seidel: one bidder at a time): each free row bids for the column of
   * least reduced cost c_ij − v_j, lowering that column's v by the margin over its second best plus ε, and
   * displaces the owner. Cold (no coarse prediction): from column-reduction prices, ε from a quarter of the mean
   * cost down to 1e-3 of it, 4× per phase, bids through the candidate lists from ε ≤ 1% of the mean. Warm (v
   * predicted): ε from 1/256 of the mean, lists throughout (prices then move little). A coarse helper stops
   * after its first phase. A phase that runs past a generous bid budget (only with extreme ranges of cost) ends
   * the auction early: the exact stages after it accept any start.
   */
  private auction(n: number, mean: number, warm: boolean): void {
    const { x, y, v, c } = this;
    const queue = this.cols; // free during the start
    const epsFinal = this.approx ? WARM_EPS * mean : FINAL_EPS * mean;
    if (!warm) {
      // Start each column at its least cost (LAPJV's column reduction): a column far from every row starts
      // cheap, which saves most of the first phase's price war. Any start would do: ε-scaling only needs finite
      // prices.
      v.fill(Infinity);
      for (let i = 0; i < n; i++) {
        const row = i * n;
        for (let j = 0; j < n; j++) {
          const e = c[row + j];
          if (e < v[j]) v[j] = e;
        }
      }
    }
    const budget = 200 * n;
    for (let eps = warm ? WARM_EPS * mean : 0.25 * mean; ; eps = Math.max(eps / 4, epsFinal)) {
      x.fill(-1);
      y.fill(-1);
      for (let i = 0; i < n; i++) queue[i] = i;
      let head = 0, queued = n, bids = 0;
      const lists = warm || eps <= 0.01 * mean;
      this.listSlack = warm ? WARM_SLACK * mean : 8 * eps;
      while (queued > 0) {
        if (++bids > budget) return;
        const i = queue[head];
        head = head + 1 === n ? 0 : head + 1;
        queued--;
        let w1: number, w2: number, j1: number;
        if (lists) {
          this.best2(i, n);
          w1 = this.w1;
          w2 = this.w2;
          j1 = this.j1;
        } else {
          const row = i * n;
          w1 = c[row] - v[0];
          w2 = Infinity;
          j1 = 0;
          for (let j = 1; j < n; j++) {
            const r = c[row + j] - v[j];
            if (r < w2) {
              if (r < w1) {
                w2 = w1;
                w1 = r;
                j1 = j;
              } else w2 = r;
            }
          }
        }
        v[j1] -= w2 - w1 + eps;
        const prev = y[j1];
        if (prev >= 0) {
          x[prev] = -1;
          const tail = head + queued;
          queue[tail >= n ? tail - n : tail] = prev;
          queued++;
        }
        y[j1] = i;
        x[i] = j1;
      }
      if (eps <= epsFinal) break;
    }
  }

  /**
   * Raises each owned column so that its owner is exactly at its row minimum, then frees every row not exactly
   * tight (raising a column can undercut another row) or not assigned: what is left is a valid JV state
   * (assigned rows tight, reduced costs ≥ 0 against the row minima). Returns the number of free rows.
   */
  private freeNotTight(n: number): number {
    const { x, y, v, c, lb, free } = this;
    const gaps = this.d; // free until the augmenting paths
    for (let i = 0; i < n; i++) {
      const j = x[i];
      if (j < 0) continue;
      this.best2(i, n);
      gaps[i] = c[i * n + j] - v[j] - this.w1;
    }
    let maxRaise = 0;
    for (let i = 0; i < n; i++) {
      const j = x[i];
      if (j >= 0 && gaps[i] > 0) {
        v[j] += gaps[i];
        if (gaps[i] > maxRaise) maxRaise = gaps[i];
      }
    }
    // Raising v_j by g lowers column j's reduced cost in every row by g: the lists' bounds follow.
    for (let i = 0; i < n; i++) lb[i] -= maxRaise;
    let nFree = 0;
    for (let i = 0; i < n; i++) {
      const j = x[i];
      if (j < 0) free[nFree++] = i;
      else {
        this.best2(i, n);
        if (c[i * n + j] - v[j] > this.w1) {
          free[nFree++] = i;
          x[i] = -1;
          y[j] = -1;
        }
      }
    }
    return nFree;
  }

  /**
   * Bids with ε = 0 (LAPJV's augmenting row reduction): the bidder takes its best column, lowering its v to the
   * second best so that the bidder is tight while every other assigned row stays tight; the displaced owner bids
   * next. On a tie it takes the second column instead and the owner waits for an augmenting path, as do all
   * displaced rows once `cap` bids are spent (this bounds price wars). Returns the rows left free, in `free`.
   */
  private zeroBids(n: number, nFree: number, cap: number): number {
    const { x, y, v, free } = this;
    let current = 0, newFree = 0, count = 0;
    while (current < nFree) {
      const i = free[current++];
      this.best2(i, n);
      const w1 = this.w1, w2 = this.w2;
      let j1 = this.j1, i0 = y[j1];
      if (++count < cap) {
        if (w2 > w1) {
          v[j1] -= w2 - w1;
          if (i0 >= 0) free[--current] = i0;
        } else {
          if (i0 >= 0) {
            j1 = this.j2;
            i0 = y[j1];
          }
          if (i0 >= 0) free[newFree++] = i0;
        }
      } else if (i0 >= 0) free[newFree++] = i0;
      x[i] = j1;
      y[j1] = i;
      if (i0 >= 0) x[i0] = -1;
    }
    return newFree;
  }

  /** Each column's cheapest row takes it (if still free); rows that won exactly one column pass on slack. */
  private columnReduction(n: number): number {
    const { x, y, v, free, unique, c } = this;
    x.fill(-1);
    v.fill(Infinity);
    y.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * n;
      for (let j = 0; j < n; j++) {
        const e = c[row + j];
        if (e < v[j]) {
          v[j] = e;
          y[j] = i;
        }
      }
    }
    unique.fill(1);
    for (let j = n - 1; j >= 0; j--) {
      const i = y[j];
      if (x[i] < 0) x[i] = j;
      else {
        unique[i] = 0;
        y[j] = -1;
      }
    }
    let nFree = 0;
    for (let i = 0; i < n; i++) {
      if (x[i] < 0) free[nFree++] = i;
      else if (unique[i]) {
        // Reduction transfer: lower this column's price by the row's margin over its second-best column.
        const j = x[i], row = i * n;
        let min = Infinity;
        for (let j2 = 0; j2 < n; j2++) {
          if (j2 === j) continue;
          const e = c[row + j2] - v[j2];
          if (e < min) min = e;
        }
        v[j] -= min;
      }
    }
    return nFree;
  }

  /** Shortest augmenting path from each row left free, flipping the path's assignments. */
  private augment(n: number, nFree: number): void {
    const { x, y, free, pred } = this;
    for (let f = 0; f < nFree; f++) {
      const start = free[f];
      let j = this.findPath(n, start);
      let i = -1;
      for (let k = 0; i !== start; k++) {
        if (k >= n) throw new Error('assignment: augmenting path did not close (non-finite coordinates?)');
        i = pred[j];
        y[j] = i;
        const tmp = j;
        j = x[i];
        x[i] = tmp;
      }
    }
  }

  /**
   * Dijkstra over columns on reduced costs from a free row (JV's shortest augmenting path); updates the
   * potentials of the settled columns and returns the free column reached. Sparse: a row reached through its
   * column relaxes only its candidate list, and goes in a second heap keyed by the least distance any of its
   * other columns could have (its distance + lb − its own reduced cost); when the search gets there before
   * settling another column, the row relaxes all its columns. So the paths are exactly the dense search's.
   * Settled columns' v only falls (prices rise), which keeps every list's bound valid.
   */
  private findPath(n: number, start: number): number {
    if (this.gen >= 0x3fffffff) {
      this.tAt.fill(0);
      this.sAt.fill(0);
      this.gen = 0;
    }
    const gen = ++this.gen;
    const { y, v, pred, d, c, lj, ln, lb, k, tAt, sAt, pd, pr, rBase, rH } = this;
    const settled = this.cols;
    let hd = this.hd, hj = this.hj;
    let hs = 0, ps = 0, ns = 0, i = start, base = 0, h = 0, final = -1, all = false;
    for (;;) {
      // Relax row i from distance base (h: its reduced cost at its own column): its list, or all columns.
      const row = i * n, lrow = i * k, m = all ? n : ln[i];
      if (hs + m > hd.length) {
        const hd2 = new Float64Array(2 * (hs + m)), hj2 = new Int32Array(2 * (hs + m));
        hd2.set(hd);
        hj2.set(hj);
        this.hd = hd = hd2;
        this.hj = hj = hj2;
      }
      for (let q = 0; q < m; q++) {
        const j = all ? q : lj[lrow + q];
        if (sAt[j] === gen) continue;
        const dj = base + c[row + j] - v[j] - h;
        if (tAt[j] !== gen || dj < d[j]) {
          tAt[j] = gen;
          d[j] = dj;
          pred[j] = i;
          hs = heapPush(hd, hj, hs, dj, j);
        }
      }
      if (!all) {
        rBase[i] = base;
        rH[i] = h;
        ps = heapPush(pd, pr, ps, base + lb[i] - h, i);
      }
      // Drop stale heap entries; then relax in full the row whose bound comes first, or settle the nearest column.
      while (hs > 0 && (sAt[hj[0]] === gen || hd[0] !== d[hj[0]])) hs = heapPop(hd, hj, hs);
      const dm = hs > 0 ? hd[0] : Infinity;
      if (ps > 0 && pd[0] <= dm) {
        i = pr[0];
        base = rBase[i];
        h = rH[i];
        ps = heapPop(pd, pr, ps);
        all = true;
        continue;
      }
      if (hs === 0) throw new Error('assignment: no augmenting path (non-finite coordinates?)');
      const j = hj[0];
      hs = heapPop(hd, hj, hs);
      sAt[j] = gen;
      settled[ns++] = j;
      if (y[j] < 0) {
        final = j;
        break;
      }
      i = y[j];
      base = dm;
      h = c[i * n + j] - v[j];
      all = false;
    }
    const D = d[final];
    for (let q = 0; q < ns - 1; q++) {
      const j = settled[q];
      v[j] += d[j] - D;
    }
    return final;
  }
}

/** Σ_i |a_i − b_σ(i)|², the transport cost of a pairing (σ = identity when omitted). */
export function pairingCost(a: Float32Array, b: Float32Array, sigma?: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length >> 1; i++) {
    const j = sigma ? sigma[i] : i;
    const dx = a[2 * i] - b[2 * j], dy = a[2 * i + 1] - b[2 * j + 1];
    s += dx * dx + dy * dy;
  }
  return s;
}
