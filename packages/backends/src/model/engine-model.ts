import { FvError, type ModelSpec, type TrainBatch, type VelocityJacobian, type VelocityModel } from '@flow-visualizer/core';
import type { MlpEngine } from './engine.js';
import type { MlpState } from './state.js';

/**
 * The VelocityModel port over the MlpEngine: input checks, scalar times. It has no storage, so that it runs in a
 * browser: `save` is a USAGE error here, and MlpVelocityModel (mlp-model.ts, Node) adds the model folder.
 */
export class MlpEngineModel implements VelocityModel {
  constructor(readonly backend: string, readonly spec: ModelSpec, protected readonly engine: MlpEngine) {}

  trainStep(batch: TrainBatch): Promise<number> {
    const n = batch.t.length;
    this.checkPoints(batch.x, n, 'x');
    this.checkPoints(batch.target, n, 'target');
    return this.engine.trainStep(batch.x, batch.t, batch.target);
  }

  predict(x: Float32Array, t: number | Float32Array): Promise<Float32Array> {
    const n = typeof t === 'number' ? x.length / this.spec.dataDim : t.length;
    this.checkPoints(x, n, 'x');
    return this.engine.predict(x, t);
  }

  /** v(x, t) and its Jacobian ∂v/∂x from the backend's analytic forward-mode pass (likelihood's divergence). */
  jacobian(x: Float32Array, t: number): Promise<VelocityJacobian> {
    this.checkPoints(x, x.length / this.spec.dataDim, 'x');
    return this.engine.jacobian(x, t);
  }

  /** Weights, Adam moments, step count and moving average: what encodeModelFiles writes (a page's export). */
  readState(): Promise<MlpState> {
    return this.engine.readState();
  }

  async save(_dir: string): Promise<void> {
    throw new FvError('USAGE', `The '${this.backend}' model cannot save to a folder: it runs without a file system (a browser).`, {
      hint: 'Train with a Node backend (@flow-visualizer/backends) to save a model.',
    });
  }

  numTensors(): number {
    return this.engine.numTensors();
  }

  dispose(): void {
    this.engine.dispose();
  }

  private checkPoints(a: Float32Array, n: number, what: string): void {
    if (!(a instanceof Float32Array) || a.length !== n * this.spec.dataDim || !Number.isInteger(n)) {
      throw new FvError('INTERNAL', `${what} must be a Float32Array of ${n}×${this.spec.dataDim} numbers (got ${a?.length}).`);
    }
  }
}
