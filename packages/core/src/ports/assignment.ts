/**
 * Exact assignment between two equal-sized 2D point sets: the permutation σ minimising Σ_i |a_i − b_σ(i)|².
 * Core's own users (the exact W2 metric) reach the solver through this port; the built-in one lives in
 * @flow-visualizer/couplings, beside the pairings that use it.
 */
export interface AssignmentSolver {
  readonly id: string;
  /** a, b: n points each (n×2 interleaved, finite). Returns `out` with out[i] = the index of b given to a[i]. */
  solve(a: Float32Array, b: Float32Array, out?: Int32Array): Int32Array;
}

export const ASSIGNMENT_SOLVER = Symbol.for('fv.AssignmentSolver');
