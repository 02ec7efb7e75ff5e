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
   * How a pairing worker thread makes the same kernel: the file URL of an ES module and its export, a function
   * `() => SinkhornKernel | undefined` (undefined there: the worker runs the JavaScript loop).
   */
  readonly worker?: { module: string; export: string };
}

/** SinkhornKernel | undefined: registered in the cli's root container (process-lived); absent, the JavaScript loop runs. */
export const SINKHORN_KERNEL = Symbol.for('fv.SinkhornKernel');
