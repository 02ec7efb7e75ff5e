import { CandidateLists } from './candidate-lists.js';

/**
 * What the stages of one assignment share, sized for n points: the cost matrix, the matching and its column
 * potentials (the duals), the rows left free, and the candidate lists. Reused from batch to batch of the same n:
 * every stage writes what it reads, so no answer depends on the batch before.
 */
export class AssignmentWorkspace {
  /** Cost matrix, row-major: c[i*n + j]. */
  readonly c: Float64Array;
  /** Column of each row (−1: free). */
  readonly x: Int32Array;
  /** Row of each column (−1: free). */
  readonly y: Int32Array;
  /** Column potentials (minus prices): the reduced cost of (i, j) is c_ij − v_j. */
  readonly v: Float64Array;
  /** The rows left free, for the stage after. */
  readonly free: Int32Array;
  /** Scratch, one number per row or column. */
  readonly scratch: Float64Array;
  readonly queue: Int32Array;
  readonly flags: Uint8Array;
  /** b's coordinates, unpacked. */
  readonly bx: Float64Array;
  readonly by: Float64Array;
  readonly lists: CandidateLists;

  constructor(readonly n: number) {
    this.c = new Float64Array(n * n);
    this.x = new Int32Array(n);
    this.y = new Int32Array(n);
    this.v = new Float64Array(n);
    this.free = new Int32Array(n);
    this.scratch = new Float64Array(n);
    this.queue = new Int32Array(n);
    this.flags = new Uint8Array(n);
    this.bx = new Float64Array(n);
    this.by = new Float64Array(n);
    this.lists = new CandidateLists(n, this.c, this.v);
  }
}

/**
 * Fills ws.c with the costs between the point sets each moved to its own mean, |a_i − t − b_j|² with
 * t = mean(a) − mean(b). They differ from |a_i − b_j|² by terms of a alone and of b alone, which add the same
 * total to every permutation, so the optimum is unchanged; but the mean cost, which scales the auction's ε, then
 * measures the shape to be matched rather than the distance between the sets. Returns the sum of the costs and t.
 */
export function centredCosts(ws: AssignmentWorkspace, a: Float32Array, b: Float32Array): { sum: number; tx: number; ty: number } {
  const { n, c, bx, by } = ws;
  let tx = 0, ty = 0;
  for (let i = 0; i < n; i++) {
    tx += a[2 * i] - b[2 * i];
    ty += a[2 * i + 1] - b[2 * i + 1];
  }
  tx /= n;
  ty /= n;
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
  return { sum, tx, ty };
}

/** v_j = min_i c_ij (and, when given, argmin[j] = the first such row). */
export function columnMinima(ws: AssignmentWorkspace, argmin?: Int32Array): void {
  const { n, c, v } = ws;
  v.fill(Infinity);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const e = c[row + j];
      if (e < v[j]) {
        v[j] = e;
        if (argmin) argmin[j] = i;
      }
    }
  }
}
