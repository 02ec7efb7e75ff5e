/** v(x, t) for all points at one time; x is n×2 interleaved. May return a fresh array or a reused buffer. */
export type VelocityField = (x: Float32Array, t: number) => Promise<Float32Array>;

export interface IntegrateOptions {
  /** Number of steps (fixed-step solvers) or the initial step count hint (adaptive ones). */
  steps: number;
  t0?: number;
  t1?: number;
  /** Times at which to record the state (each within [t0, t1]); t0 and t1 included if listed. */
  saveAt?: readonly number[];
  /** Adaptive solvers only. */
  rtol?: number;
  atol?: number;
}

export interface IntegrateResult {
  /** The state at t1. */
  x: Float32Array;
  /** Number of velocity evaluations. */
  nfe: number;
  /** States at the requested `saveAt` times, in the order asked. */
  snapshots: { t: number; x: Float32Array }[];
}

/** Solves dx/dt = v(x, t) from t0 (default 0) to t1 (default 1). Never mutates x0. */
export interface Integrator {
  readonly id: string;
  integrate(field: VelocityField, x0: Float32Array, options: IntegrateOptions): Promise<IntegrateResult>;
}

export const INTEGRATOR = Symbol.for('fv.Integrator');
