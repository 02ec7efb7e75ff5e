import { FvError, type ModelSpec, type TrainBatch, type VelocityJacobian, type VelocityModel } from '@flow-visualizer/core';
import type { MlpEngine } from './engine.js';
import type { MlpState } from './state.js';
import { condDimOf } from './spec.js';
import { fillFourierRows, fourierCount, fourierRowWidth, fourierTangents } from './fourier-features.js';

/**
 * The VelocityModel port over the MlpEngine: input checks, scalar times. It has no storage, so that it runs in a
 * browser: `save` is a USAGE error here, and MlpVelocityModel (mlp-model.ts, Node) adds the model folder.
 */
export class MlpEngineModel implements VelocityModel {
  constructor(readonly backend: string, readonly spec: ModelSpec, protected readonly engine: MlpEngine) {}

  async trainStep(batch: TrainBatch): Promise<number> {
    const n = batch.t.length;
    this.checkPoints(batch.x, n, 'x');
    this.checkPoints(batch.target, n, 'target');
    return this.engine.trainStep(this.packed(batch.x, n, batch.c), batch.t, batch.target);
  }

  async predict(x: Float32Array, t: number | Float32Array, c?: Float32Array): Promise<Float32Array> {
    const n = typeof t === 'number' ? x.length / this.spec.dataDim : t.length;
    this.checkPoints(x, n, 'x');
    return this.engine.predict(this.packed(x, n, c), t);
  }

  /**
   * v(x, t, c) and its Jacobian ∂v/∂x from the backend's analytic forward-mode pass (likelihood's divergence). A
   * conditional model takes each point's condition input c, held fixed: the Jacobian is along x only. With Fourier
   * features the nets get each row's derivative along x as the pass's seeds (the chain rule through the features).
   */
  jacobian(x: Float32Array, t: number, c?: Float32Array): Promise<VelocityJacobian> {
    const n = x.length / this.spec.dataDim;
    this.checkPoints(x, n, 'x');
    const rows = this.packed(x, n, c);
    const seeds = n > 0 && fourierCount(this.spec) > 0 ? fourierTangents(this.spec, x, rows.length / n) : undefined;
    return this.engine.jacobian(rows, t, seeds);
  }

  /**
   * The rows the nets read: x itself for an unconditional model without Fourier features (no copy: its numbers
   * stay bit for bit), else [x, sin(2π·B·x), cos(2π·B·x), c] per point (whichever parts the model has), so that
   * every source splits rows as it always has.
   */
  private packed(x: Float32Array, n: number, c: Float32Array | undefined): Float32Array {
    const cd = condDimOf(this.spec), d = this.spec.dataDim, fourier = fourierCount(this.spec) > 0;
    if (cd === 0) {
      if (c !== undefined) throw new FvError('INTERNAL', 'A condition was given to an unconditional model.');
      if (!fourier) return x;
    } else if (!(c instanceof Float32Array) || c.length !== n * cd) {
      throw new FvError('INTERNAL', `A conditional model needs c, a Float32Array of ${n}×${cd} numbers (got ${c?.length}).`);
    }
    const px = fourierRowWidth(this.spec), w = px + cd, out = new Float32Array(n * w);
    if (fourier) fillFourierRows(this.spec, x, n, out, w);
    for (let r = 0; r < n; r++) {
      if (!fourier) for (let k = 0; k < d; k++) out[r * w + k] = x[r * d + k];
      for (let k = 0; k < cd; k++) out[r * w + px + k] = c![r * cd + k];
    }
    return out;
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
