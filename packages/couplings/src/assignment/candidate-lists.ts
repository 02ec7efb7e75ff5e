import { selectLeast } from './point-groups.js';

/** Candidate list length (per row). */
const LIST_MAX = 48;

/** The two least reduced costs of a row and their columns (−1 where there is none). */
export interface LeastTwo {
  w1: number;
  w2: number;
  j1: number;
  j2: number;
}

/**
 * The scan the stages of the assignment share: the two least reduced costs c[row + j] − v[j] over the columns
 * cols[from .. from + m), into `out`. Ties keep the first column met. Bids read a row's candidate list through
 * it; dense bids and column reduction a whole row (cols = `all`). Only a list rebuild scans on its own, since it
 * collects the list in the same pass (see rebuild).
 */
export function leastTwo(c: Float64Array, v: Float64Array, row: number, cols: Int32Array, from: number, m: number, out: LeastTwo): void {
  let w1 = Infinity, w2 = Infinity, j1 = -1, j2 = -1;
  for (let q = 0; q < m; q++) {
    const j = cols[from + q];
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
  out.w1 = w1;
  out.w2 = w2;
  out.j1 = j1;
  out.j2 = j2;
}

/**
 * Each row's short list of its cheapest columns and a lower bound on the reduced cost of all the others. Prices
 * only rise during bidding and path search (v only falls), so a bound once valid stays valid; a row whose list's
 * second best exceeds its bound rescans all columns and rebuilds its list. The best two columns it reports are
 * therefore always the exact ones, at the cost of reading ~48 columns instead of n.
 */
export class CandidateLists implements LeastTwo {
  /** Columns per list. */
  readonly k: number;
  /** Row i's columns: cols[i*k .. i*k + len[i]). */
  readonly cols: Int32Array;
  readonly len: Int32Array;
  /** bound[i] ≤ the reduced cost of every column of row i outside its list. */
  readonly bound: Float64Array;
  /** 0, 1, …, n − 1: the columns of a whole row, for leastTwo. */
  readonly all: Int32Array;
  /** A rebuilt list holds the columns within this of the row minimum (the k least at most). */
  slack = 0;
  w1 = 0;
  w2 = 0;
  j1 = 0;
  j2 = 0;
  private readonly tmp: Float64Array;
  private readonly cand: Int32Array;

  constructor(
    private readonly n: number,
    private readonly c: Float64Array,
    private readonly v: Float64Array,
  ) {
    this.k = Math.max(2, Math.min(LIST_MAX, n));
    this.cols = new Int32Array(n * this.k);
    this.len = new Int32Array(n);
    this.bound = new Float64Array(n);
    this.all = Int32Array.from({ length: n }, (_, j) => j);
    this.tmp = new Float64Array(n);
    this.cand = new Int32Array(n);
  }

  /** Empties every list (a new cost matrix). */
  reset(): void {
    this.len.fill(0);
    this.bound.fill(-Infinity);
  }

  /** The two least reduced costs of row i and their columns, into w1/w2/j1/j2: exact, from the list when it can. */
  best2(i: number): void {
    leastTwo(this.c, this.v, i * this.n, this.cols, i * this.k, this.len[i], this);
    if (!(this.w2 <= this.bound[i])) this.rebuild(i);
  }

  /**
   * Scans all of row i (its two best into w1/w2/j1/j2) and rebuilds its list: the two best first, then the least
   * other columns within max(w2, w1 + slack), up to k; the columns left out bound the outside. Fused into one pass
   * over the row rather than leastTwo and a second pass: rebuilds are frequent, and two passes cost 1.5× the time
   * per batch (scripts/README-pairing.md).
   */
  private rebuild(i: number): void {
    const { c, v, n, k, tmp, cand, slack } = this;
    const row = i * n;
    // One pass: a column is kept for the list if within the running threshold max(w2, w1 + slack), which only
    // falls during the scan, so nothing within the final threshold is missed; the rest bound the outside.
    let nc = 0, bound = Infinity, thr = Infinity;
    let w1 = Infinity, w2 = Infinity, j1 = -1, j2 = -1;
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
          const t2 = w1 + slack;
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
    this.w1 = w1;
    this.w2 = w2;
    this.j1 = j1;
    this.j2 = j2;
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
    const { cols } = this, lrow = i * k;
    cols[lrow] = j1;
    cols[lrow + 1] = j2;
    for (let q = 0; q < nk; q++) cols[lrow + 2 + q] = cand[q];
    this.len[i] = nk + 2;
    this.bound[i] = bound;
  }
}
