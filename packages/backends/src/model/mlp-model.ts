import { FvError, type ModelSpec, type TrainBatch, type VelocityModel } from '@flow-visualizer/core';
import type { MlpEngine } from './engine.js';
import type { MlpState } from './state.js';

/** Writes a model to a folder: store.ts's saveMlp in Node. Passed in so that this file stays browser-safe. */
export type MlpSaver = (dir: string, spec: ModelSpec, backend: string, state: MlpState) => Promise<void>;

/** The VelocityModel port over an MlpEngine: input checks, scalar times, save (when given a saver). */
export class MlpVelocityModel implements VelocityModel {
  constructor(readonly backend: string, readonly spec: ModelSpec, private readonly engine: MlpEngine, private readonly saver?: MlpSaver) {}

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

  async save(dir: string): Promise<void> {
    if (!this.saver) {
      throw new FvError('USAGE', `The '${this.backend}' model cannot save to a folder: it runs without a file system (a browser).`, {
        hint: 'Train with a Node backend (@flow-visualizer/backends) to save a model.',
      });
    }
    await this.saver(dir, this.spec, this.backend, await this.engine.readState());
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
