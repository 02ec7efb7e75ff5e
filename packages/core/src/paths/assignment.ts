/**
 * Exact minibatch OT coupling: the permutation σ minimising Σ_i |a_i − b_σ(i)|² between two sets of n 2D points
 * (a linear sum assignment). Jonker–Volgenant (LAPJV, 1987): a start that leaves most rows assigned with dual
 * feasible column potentials, then a shortest augmenting path (Dijkstra on reduced costs) from each row left
 * free. Structure follows gatagat/lap's lapjv.cpp (BSD-2).
 *
 * Choices measured on 256-point batches of Gaussian noise against T-Rex points (.scratch benchmarks, medians on a
 * shared 2-core machine; 8.9 ms per batch before this layout, 2.4 ms after):
 * - the n×n cost matrix is computed once per batch (512 KB of Float64 for n = 256): every bid and scan then
 *   reads one number instead of recomputing a distance;
 * - costs are taken between the two sets each centred on its mean (same optimum, see solve), so that ε follows
 *   the shape to match rather than how far apart the sets lie (3× faster for a batch 5σ away);
 * - for n ≥ 64 the start is an ε-scaling auction (Bertsekas) from column-reduction prices: ε from a quarter of
 *   the mean cost down to 1e-3 of it, 4× per phase. Its prices are nearly optimal duals, so few rows are left
 *   for the exact stages below;
 * - once ε is small, prices move little between bids, so each row keeps a short list of its cheapest columns
 *   and a lower bound on the reduced cost of all the others (prices only rise during bidding, so the bound stays
 *   valid). A bid reads the list only; when the list's second best exceeds the bound the row rescans all columns.
 *   The best two columns are therefore always the exact ones: the lists change the speed, never the result;
 * - after the auction, rows not exactly at their row minimum are freed, then cleared by ε = 0 bids (LAPJV's
 *   augmenting row reduction, capped) and the few left by shortest augmenting paths. LAPJV's usual start
 *   (column reduction + row reduction) is much slower on these geometric costs (long paths, price wars).
 * The result is exact either way: the auction only provides the starting point of the exact algorithm.
 * O(n³) worst case. Buffers are kept between calls of the same size, since training calls it once per batch.
 */
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
  // Candidate lists: row i's columns lj[i*k .. i*k + ln[i]), and lb[i] ≤ every other column's reduced cost.
  private k = 0;
  private lj!: Int32Array;
  private ln!: Int32Array;
  private lb!: Float64Array;
  private listSlack = 0; // a rebuilt list holds the columns within this of the row minimum (at most k)
  // best2's answer: the two least reduced costs of a row and their columns.
  private w1 = 0;
  private w2 = 0;
  private j1 = 0;
  private j2 = 0;

  /** 'auto': the auction start from n ≥ 64 (below that column reduction is as fast); or force either one. */
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
    this.k = Math.max(2, Math.min(24, n));
    this.lj = new Int32Array(n * this.k);
    this.ln = new Int32Array(n);
    this.lb = new Float64Array(n);
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
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const px = a[2 * i] - tx, py = a[2 * i + 1] - ty, row = i * n;
      for (let j = 0; j < n; j++) {
        const dx = px - b[2 * j], dy = py - b[2 * j + 1];
        const e = dx * dx + dy * dy;
        c[row + j] = e;
        sum += e;
      }
    }
    // A NaN would make every comparison false and the auction bid forever.
    if (!Number.isFinite(sum)) throw new Error('assignment: non-finite coordinates');
    if (sum === 0) {
      // All points coincide: every pairing is optimal (and ε-scaling would have ε = 0).
      for (let i = 0; i < n; i++) out[i] = i;
      return out;
    }
    let nFree: number;
    if (this.start === 'auction' || (this.start === 'auto' && n >= 64)) {
      this.auction(n, sum / (n * n));
      nFree = this.freeNotTight(n);
      if (nFree > 0) nFree = this.zeroBids(n, nFree, 4 * n);
    } else nFree = this.columnReduction(n);
    if (nFree > 0) this.augment(n, nFree);
    out.set(this.x);
    return out;
  }

  /**
   * The two least reduced costs of row i and their columns, into w1/w2/j1/j2. Exact: read from the row's list
   * when its second best is within the bound on the columns outside it, else from a full scan that rebuilds
   * the list (its two best first, then other columns within listSlack of the minimum, up to k).
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
      const tmp = this.tmp;
      w1 = Infinity;
      w2 = Infinity;
      for (let j = 0; j < n; j++) {
        const r = c[row + j] - v[j];
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
        }
      }
      const theta = w2 - w1 > this.listSlack ? w2 : w1 + this.listSlack;
      lj[lrow] = j1;
      lj[lrow + 1] = j2;
      let count = 2, bound = Infinity;
      for (let j = 0; j < n; j++) {
        if (j === j1 || j === j2) continue;
        const r = tmp[j];
        if (r <= theta && count < k) lj[lrow + count++] = j;
        else if (r < bound) bound = r;
      }
      ln[i] = count;
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
   * displaces the owner. Phases shrink ε by 4× from mean/4 to 1e-3 of the mean cost, keeping the potentials; from
   * ε ≤ 1% of the mean the bids go through the candidate lists (earlier, prices move too fast for lists to last).
   * A phase that runs past a generous bid budget (only with extreme ranges of cost) ends the auction early: the
   * exact stages after it accept any start.
   */
  private auction(n: number, mean: number): void {
    const { x, y, v, c, lb, ln } = this;
    const queue = this.cols; // free during the start
    const epsFinal = 1e-3 * mean;
    // Start each column at its least cost (LAPJV's column reduction): a column far from every row starts cheap,
    // which saves most of the first phase's price war. Any start would do: ε-scaling only needs finite prices.
    v.fill(Infinity);
    for (let i = 0; i < n; i++) {
      const row = i * n;
      for (let j = 0; j < n; j++) {
        const e = c[row + j];
        if (e < v[j]) v[j] = e;
      }
    }
    lb.fill(-Infinity);
    ln.fill(0);
    const budget = 200 * n;
    for (let eps = 0.25 * mean; ; eps = Math.max(eps / 4, epsFinal)) {
      x.fill(-1);
      y.fill(-1);
      for (let i = 0; i < n; i++) queue[i] = i;
      let head = 0, queued = n, bids = 0;
      const lists = eps <= 0.01 * mean;
      this.listSlack = 8 * eps;
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

  /** Dijkstra over columns on reduced costs; updates potentials of the settled columns; returns a free column. */
  private findPath(n: number, start: number): number {
    const { y, v, cols, pred, d, c } = this;
    const srow = start * n;
    for (let j = 0; j < n; j++) {
      cols[j] = j;
      pred[j] = start;
      d[j] = c[srow + j] - v[j];
    }
    let lo = 0, hi = 0, nReady = 0, finalJ = -1;
    while (finalJ === -1) {
      if (lo === hi) {
        // Collect the columns at the minimum distance into cols[lo, hi).
        nReady = lo;
        hi = lo + 1;
        let mind = d[cols[lo]];
        for (let k = hi; k < n; k++) {
          const j = cols[k];
          if (d[j] <= mind) {
            if (d[j] < mind) {
              hi = lo;
              mind = d[j];
            }
            cols[k] = cols[hi];
            cols[hi++] = j;
          }
        }
        for (let k = lo; k < hi; k++) if (y[cols[k]] < 0) finalJ = cols[k];
      }
      if (finalJ === -1) {
        // Relax the unsettled columns through the rows of the columns at the minimum. On success lo/hi keep
        // their values from before the scan (as in LAPJV), so that cols[lo] still holds a column at the minimum.
        let l = lo, hh = hi;
        scan: while (l !== hh) {
          const j0 = cols[l++];
          const i = y[j0];
          const mind = d[j0];
          const row = i * n;
          const h = c[row + j0] - v[j0] - mind;
          for (let k = hh; k < n; k++) {
            const j = cols[k];
            const red = c[row + j] - v[j] - h;
            if (red < d[j]) {
              d[j] = red;
              pred[j] = i;
              if (red === mind) {
                if (y[j] < 0) {
                  finalJ = j;
                  break scan;
                }
                cols[k] = cols[hh];
                cols[hh++] = j;
              }
            }
          }
        }
        if (finalJ === -1) {
          lo = l;
          hi = hh;
        }
      }
    }
    const mind = d[cols[lo]];
    for (let k = 0; k < nReady; k++) {
      const j = cols[k];
      v[j] += d[j] - mind;
    }
    return finalJ;
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
