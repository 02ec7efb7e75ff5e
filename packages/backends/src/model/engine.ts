import type { MlpState } from './state.js';

/**
 * What runs the MLP's arithmetic (a tfjs backend, or worker threads driving one): training step, prediction,
 * and read-out of the full state for saving. The VelocityModel wrapper adds the port's conveniences on top.
 */
export interface MlpEngine {
  trainStep(x: Float32Array, t: Float32Array, target: Float32Array): Promise<number>;
  /** t: per point, or one time for all points (the fast path of sampling). */
  predict(x: Float32Array, t: Float32Array | number): Promise<Float32Array>;
  readState(): Promise<MlpState>;
  numTensors(): number;
  dispose(): void;
}
