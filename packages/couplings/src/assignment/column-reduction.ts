import { leastTwo } from './candidate-lists.js';
import { columnMinima, type AssignmentWorkspace } from './assignment-workspace.js';

/**
 * LAPJV's start (the 'reduction' start, and 'auto' below 64 points, where it is as fast as the auction): each
 * column's cheapest row takes it if still free; a row that won exactly one column passes on its slack (its
 * margin over its second-best column) by lowering that column's potential. Returns the number of free rows, in
 * ws.free.
 */
export function columnReduction(ws: AssignmentWorkspace): number {
  const { n, x, y, v, c, free, lists } = ws;
  const unique = ws.flags;
  x.fill(-1);
  y.fill(0);
  columnMinima(ws, y);
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
      // Reduction transfer: the least reduced cost of the row's other columns.
      const j = x[i];
      leastTwo(c, v, i * n, lists.all, 0, n, lists);
      v[j] -= lists.j1 === j ? lists.w2 : lists.w1;
    }
  }
  return nFree;
}
