/**
 * Their search_for_w (c2ot-cost.ts `searchConditionWeight`, the reference), the same steps and the same w, at a
 * fraction of the cost. r(w) counts the couples with m + w·C ≤ d (m: the couple's squared distance, d: its data
 * point's own independent couple's), and that test is monotone in w (C ≥ 0): a couple counted at some w is counted
 * at every smaller w, one not counted is not counted at any larger w. Every w the search evaluates lies inside the
 * bracket of the two nearest it has evaluated, so only the couples counted at the lower end and not known to count
 * at the upper end (the undecided) need testing again: about half the n² couples once, then fewer each step,
 * instead of all n² at every step. The counts, and so every comparison and the w returned, are the reference's
 * exactly (the same float expression on the same numbers).
 */
export class ConditionWeightSearch {
  private undecided = new Int32Array(0);
  private spare = new Int32Array(0);
  /** The last search's evaluations of r (r(0) included): the reference's too, each of which reads all n² couples. */
  evaluations = 0;
  /** The couples the last search tested, over all its evaluations (the reference: evaluations × n²). */
  tested = 0;

  /**
   * M, C: n×n, the couple of noise i and data point j at k = j·n + i (row: data point), so that data point j's own
   * couple is M[j·n + j]. Returns w as the reference would (target, initial, maxIter, tol, maxWeight as there).
   */
  search(M: Float64Array, C: Float64Array, n: number, target: number, o: { initial: number; maxIter: number; tol: number; maxWeight: number }): number {
    const nn = n * n;
    if (this.undecided.length < nn) {
      this.undecided = new Int32Array(nn);
      this.spare = new Int32Array(nn);
    }
    // r(0): every couple with m ≤ d (m + 0·C is m, C being finite); those are the undecided, nothing is known above.
    let u = this.undecided, size = 0;
    this.evaluations = 1;
    this.tested = nn;
    for (let j = 0; j < n; j++) {
      const d = M[j * n + j], row = j * n;
      for (let i = 0; i < n; i++) if (M[row + i] <= d) u[size++] = row + i;
    }
    if (size / nn < target) return 0;
    // base: the couples counted at the bracket's upper end (so at every w inside it).
    let base = 0;
    // Tests the undecided at w: those counted first (order kept), the others after. Returns how many are counted.
    let yes = 0;
    const test = (w: number): number => {
      const s = this.spare;
      let a = 0, b = size;
      this.evaluations++;
      this.tested += size;
      // Counted ones from the front, the others from the back (reads of M and C stay monotone either way).
      for (let q = 0; q < size; q++) {
        const k = u[q], j = (k / n) | 0;
        if (M[k] + w * C[k] <= M[j * n + j]) s[a++] = k;
        else s[--b] = k;
      }
      yes = a;
      this.spare = u;
      this.undecided = u = s;
      return (base + yes) / nn;
    };
    // The bracket becomes [w, upper]: the undecided are those counted at w.
    const keepAbove = () => {
      size = yes;
    };
    // The bracket becomes [lower, w]: those counted at w count throughout; the undecided are the rest.
    const keepBelow = () => {
      base += yes;
      u.copyWithin(0, yes, size);
      size -= yes;
    };
    let low = 0, high = o.initial;
    for (let k = 0; k < o.maxIter; k++) {
      if (test(high) > target) {
        keepAbove();
        low = high;
        high *= 2;
      } else {
        keepBelow();
        break;
      }
      if (high > o.maxWeight) return o.maxWeight;
    }
    let mid = (low + high) / 2;
    for (let k = 0; k < o.maxIter; k++) {
      mid = (low + high) / 2;
      const rm = test(mid);
      if (rm < target) {
        high = mid;
        keepBelow();
      } else {
        low = mid;
        keepAbove();
      }
      if (Math.abs(rm - target) < o.tol) return mid;
    }
    return mid;
  }
}
