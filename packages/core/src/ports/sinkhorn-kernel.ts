/**
 * The Sinkhorn–Knopp scaling loop of an entropic OT plan, as a port: the couplings package runs its own
 * JavaScript loop (browser-safe) unless the run's container holds a faster one under SINKHORN_KERNEL (the cli's
 * root registers the native addon's C loop, `@flow-visualizer/backends` nativeSinkhornKernel). Every kernel
 * computes the same v as the JavaScript loop (couplings/src/pairings/sinkhorn-scaling.ts) to float rounding,
 * with the same stopping test, so that a run's pairs do not depend on which one ran.
 */
export interface SinkhornKernel {
  readonly id: string;
  /**
   * K: the n×n kernel exp(−C/ε), row-major, float32. Fills v (n values) so that the plan's row i is proportional
   * to K_ij·v_j; stops when every row marginal is within `tol` (relative) of its target, or after maxIter
   * iterations. Returns the iterations done.
   */
  scale(K: Float32Array, n: number, maxIter: number, tol: number, v: Float64Array): number;
  /**
   * Optional, the plan's kernel: K_ij = exp(−(C_ij − min_j C_ij)/ε) of the squared distances between a and b (n
   * points each, interleaved), ε = reg·(1 | mean cost | max cost) for scale 'none' | 'mean' | 'max', at least
   * 1e-12. Returns ε. Absent: the couplings package builds K in JavaScript.
   */
  build?(a: Float32Array, b: Float32Array, scale: 'none' | 'mean' | 'max', reg: number, K: Float32Array): number;
  /**
   * Optional, one draw per row of the plan: out[i] = the first j where uniform[i]·Σ_j K_ij·v_j falls below the
   * running sum of K_ij·v_j (n − 1 when rounding leaves it above). Absent: drawn in JavaScript.
   */
  draw?(K: Float32Array, n: number, v: Float64Array, uniform: Float64Array, out: Int32Array): void;
  /**
   * How a pairing worker thread makes the same kernel: the file URL of an ES module and its export, a function
   * `() => SinkhornKernel | undefined` (undefined there: the worker runs the JavaScript loop).
   */
  readonly worker?: { module: string; export: string };
}

/** SinkhornKernel | undefined: registered in the cli's root container (process-lived); absent, the JavaScript loop runs. */
export const SINKHORN_KERNEL = Symbol.for('fv.SinkhornKernel');
