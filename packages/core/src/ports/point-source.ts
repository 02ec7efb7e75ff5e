import type { Rng } from '../rng.js';

/**
 * Where the flow starts (t = 0): the standard Gaussian, drawn fresh for every batch as flow matching has always
 * done, or a dataset (`source.name`), for a flow between two datasets. Training, sampling and every picture draw
 * their starting points here.
 */
export interface PointSource {
  readonly id: string;
  /** True for N(0, I): training then draws fresh normals per batch (the stream every run has always used). */
  readonly standard: boolean;
  draw(n: number, rng: Rng): Promise<Float32Array>;
}

export const POINT_SOURCE = Symbol.for('fv.PointSource');
