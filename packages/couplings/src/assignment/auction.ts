import { leastTwo } from './candidate-lists.js';
import { columnMinima, type AssignmentWorkspace } from './assignment-workspace.js';

/** Warm start: first ε (and a coarse helper's only ε), as a fraction of the mean cost. */
export const WARM_EPS = 1 / 256;
/** Last ε of the auction, as a fraction of the mean cost. */
const FINAL_EPS = 1e-3;
/** Warm start: the lists keep the columns within this fraction of the mean cost of the row minimum. */
const WARM_SLACK = 0.06;

/**
 * Forward auction with ε-scaling (Bertsekas; Gauss–Seidel: one bidder at a time): each free row bids for the
 * column of least reduced cost c_ij − v_j, lowering that column's v by the margin over its second best plus ε,
 * and displaces the owner. Cold (no predicted prices): from column-reduction prices, ε from a quarter of the mean
 * cost down to 1e-3 of it, 4× per phase, bids through the candidate lists from ε ≤ 1% of the mean. Warm (v
 * predicted by the coarse start): ε from 1/256 of the mean, lists throughout (prices then move little).
 * `approximate` (a coarse helper) stops after the first phase. A phase that runs past a generous bid budget (only
 * with extreme ranges of cost) ends the auction early: the exact stages after it accept any start.
 */
export function auction(ws: AssignmentWorkspace, mean: number, warm: boolean, approximate: boolean): void {
  const { n, x, y, v, c, queue, lists } = ws;
  const epsFinal = approximate ? WARM_EPS * mean : FINAL_EPS * mean;
  // Cold: each column starts at its least cost (LAPJV's column reduction): a column far from every row starts
  // cheap, which saves most of the first phase's price war. Any start would do: ε-scaling only needs finite prices.
  if (!warm) columnMinima(ws);
  const budget = 200 * n;
  for (let eps = warm ? WARM_EPS * mean : 0.25 * mean; ; eps = Math.max(eps / 4, epsFinal)) {
    x.fill(-1);
    y.fill(-1);
    for (let i = 0; i < n; i++) queue[i] = i;
    let head = 0, queued = n, bids = 0;
    const useLists = warm || eps <= 0.01 * mean;
    lists.slack = warm ? WARM_SLACK * mean : 8 * eps;
    while (queued > 0) {
      if (++bids > budget) return;
      const i = queue[head];
      head = head + 1 === n ? 0 : head + 1;
      queued--;
      if (useLists) lists.best2(i);
      else leastTwo(c, v, i * n, lists.all, 0, n, lists);
      const j1 = lists.j1;
      v[j1] -= lists.w2 - lists.w1 + eps;
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
 * After the auction: raises each owned column so that its owner is exactly at its row minimum, then frees every
 * row not exactly tight (raising a column can undercut another row) or not assigned. What is left is a valid JV
 * state (assigned rows tight, reduced costs ≥ 0 against the row minima). Returns the number of free rows.
 */
export function freeNotTight(ws: AssignmentWorkspace): number {
  const { n, x, y, v, c, free, lists } = ws;
  const gaps = ws.scratch;
  for (let i = 0; i < n; i++) {
    const j = x[i];
    if (j < 0) continue;
    lists.best2(i);
    gaps[i] = c[i * n + j] - v[j] - lists.w1;
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
  const bound = lists.bound;
  for (let i = 0; i < n; i++) bound[i] -= maxRaise;
  let nFree = 0;
  for (let i = 0; i < n; i++) {
    const j = x[i];
    if (j < 0) free[nFree++] = i;
    else {
      lists.best2(i);
      if (c[i * n + j] - v[j] > lists.w1) {
        free[nFree++] = i;
        x[i] = -1;
        y[j] = -1;
      }
    }
  }
  return nFree;
}

/**
 * Bids with ε = 0 (LAPJV's augmenting row reduction) from the nFree rows in ws.free: the bidder takes its best
 * column, lowering its v to the second best so that the bidder is tight while every other assigned row stays
 * tight; the displaced owner bids next. On a tie it takes the second column instead and the owner waits for an
 * augmenting path, as do all displaced rows once `cap` bids are spent (this bounds price wars). Returns the number
 * of rows left free, in ws.free.
 */
export function zeroBids(ws: AssignmentWorkspace, nFree: number, cap: number): number {
  const { x, y, v, free, lists } = ws;
  let current = 0, newFree = 0, count = 0;
  while (current < nFree) {
    const i = free[current++];
    lists.best2(i);
    const w1 = lists.w1, w2 = lists.w2;
    let j1 = lists.j1, i0 = y[j1];
    if (++count < cap) {
      if (w2 > w1) {
        v[j1] -= w2 - w1;
        if (i0 >= 0) free[--current] = i0;
      } else {
        if (i0 >= 0) {
          j1 = lists.j2;
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
