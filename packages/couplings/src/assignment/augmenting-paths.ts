import { heapPop, heapPush } from './min-heap.js';
import type { AssignmentWorkspace } from './assignment-workspace.js';

/**
 * Jonker–Volgenant's exact end: a shortest augmenting path (Dijkstra on reduced costs) from each row left free,
 * flipping the assignments along it and updating the potentials so that they stay dual feasible. Holds the
 * search's own state, sized for n.
 */
export class AugmentingPaths {
  // Per-column stamps: touched / settled in search number gen (no clearing between searches).
  private gen = 0;
  private readonly touchedAt: Int32Array;
  private readonly settledAt: Int32Array;
  private readonly settled: Int32Array;
  private readonly pred: Int32Array;
  private readonly dist: Float64Array;
  // Column heap (distance, column), grown on demand; row heap (bound, row) with each row's base and own cost.
  private hd: Float64Array;
  private hj: Int32Array;
  private readonly pd: Float64Array;
  private readonly pr: Int32Array;
  private readonly rowBase: Float64Array;
  private readonly rowH: Float64Array;

  constructor(n: number) {
    this.touchedAt = new Int32Array(n);
    this.settledAt = new Int32Array(n);
    this.settled = new Int32Array(n);
    this.pred = new Int32Array(n);
    this.dist = new Float64Array(n);
    this.hd = new Float64Array(4 * n);
    this.hj = new Int32Array(4 * n);
    this.pd = new Float64Array(n);
    this.pr = new Int32Array(n);
    this.rowBase = new Float64Array(n);
    this.rowH = new Float64Array(n);
  }

  /** Assigns the nFree rows in ws.free, one shortest augmenting path each. */
  augment(ws: AssignmentWorkspace, nFree: number): void {
    const { n, x, y, free } = ws;
    const pred = this.pred;
    for (let f = 0; f < nFree; f++) {
      const start = free[f];
      let j = this.findPath(ws, start);
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
   * Dijkstra over columns on reduced costs from a free row; updates the potentials of the settled columns and
   * returns the free column reached. Sparse: a row reached through its column relaxes only its candidate list,
   * and goes in a second heap keyed by the least distance any of its other columns could have (its distance +
   * bound − its own reduced cost); when the search gets there before settling another column, the row relaxes
   * all its columns. So the paths are exactly the dense search's. Settled columns' v only falls (prices rise),
   * which keeps every list's bound valid.
   */
  private findPath(ws: AssignmentWorkspace, start: number): number {
    if (this.gen >= 0x3fffffff) {
      this.touchedAt.fill(0);
      this.settledAt.fill(0);
      this.gen = 0;
    }
    const gen = ++this.gen;
    const { n, y, v, c, lists } = ws;
    const { cols: lj, len: ln, bound: lb, k } = lists;
    const { pred, dist: d, touchedAt: tAt, settledAt: sAt, pd, pr, rowBase: rBase, rowH: rH, settled } = this;
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
