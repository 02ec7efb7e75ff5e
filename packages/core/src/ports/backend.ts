import type { ModelSpec, VelocityModel } from './velocity-model.js';

/** Whether a backend can run on this machine, and if not, why and how to get it. */
export interface BackendProbe {
  ok: boolean;
  /** Why it cannot load here (when !ok), or what it is (when ok). */
  reason: string;
  /** How to make it available, e.g. which package to install. */
  hint?: string;
}

/**
 * A compute backend that builds and loads velocity models, registered with a priority like
 * `tf.registerBackend(name, factory, priority)`: `training.device: auto` takes the highest-priority backend
 * whose probe succeeds.
 */
export interface VelocityBackend {
  readonly id: string;
  readonly priority: number;
  /** Other names users type for it (e.g. 'cuda' for 'gpu'). */
  readonly aliases?: readonly string[];
  probe(): Promise<BackendProbe>;
  createModel(spec: ModelSpec): Promise<VelocityModel>;
  /**
   * Bytes this backend needs beyond core's generic estimate (weights, Adam state, activations; see
   * estimateRun) for a model of `spec` trained on batches of `batch` points, e.g. scratch buffers of its own.
   */
  extraMemoryBytes?(spec: ModelSpec, batch: number): number;
  /** Loads a model saved by `VelocityModel.save` from `dir`; MODEL_NOT_FOUND / MODEL_INVALID on failure. */
  loadModel(dir: string): Promise<VelocityModel>;
  /**
   * Optional (rectified flow needs it): a new model of `spec` that starts from the weights the model saved in
   * `dir` predicts with (its moving average, when it keeps one), with a fresh optimizer (step 0, zero moments).
   * MODEL_INVALID when the saved weights do not fit `spec`.
   */
  createModelFrom?(spec: ModelSpec, dir: string): Promise<VelocityModel>;
}

export const VELOCITY_BACKEND = Symbol.for('fv.VelocityBackend');
