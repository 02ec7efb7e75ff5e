import { createRng } from '../rng.js';
import type { ModelSpec, TrainBatch } from '../ports/velocity-model.js';

export const SMALL_SPEC: ModelSpec = { dataDim: 2, timeEmbedDim: 8, hiddenDims: [32, 32], learningRate: 3e-3, seed: 7 };

/** A small residual MLP (model.architecture=resmlp): width 12 (x + 5 sines + 5 cosines), 3 blocks. */
export const RES_SPEC: ModelSpec = { dataDim: 2, timeEmbedDim: 8, hiddenDims: [8], learningRate: 3e-3, seed: 5, architecture: 'resmlp', width: 12, nBlocks: 3 };

/** A small C2OT-style residual network (model.architecture=resnet): width 12, 2 blocks through 24, exact GELU. */
export const RESNET_SPEC: ModelSpec = {
  dataDim: 2, timeEmbedDim: 8, hiddenDims: [8], learningRate: 3e-3, seed: 5, architecture: 'resnet', width: 12, nBlocks: 2, expansion: 2, activation: 'gelu',
};

/**
 * Batches of a simple, noiseless regression target (a rotation field that grows with t), from a seeded stream:
 * unlike a flow-matching batch it has no irreducible loss, so learning shows clearly within a few dozen steps.
 */
export function batches(count: number, size = 64, seed = 1): TrainBatch[] {
  const rng = createRng(seed, 'test-batches');
  const out: TrainBatch[] = [];
  for (let b = 0; b < count; b++) {
    const x = rng.fillNormal(new Float32Array(2 * size));
    const t = rng.fillUniform(new Float32Array(size));
    const target = new Float32Array(2 * size);
    for (let i = 0; i < size; i++) {
      target[2 * i] = -x[2 * i + 1] * (1 + t[i]);
      target[2 * i + 1] = x[2 * i] * (1 + t[i]);
    }
    out.push({ x, t, target });
  }
  return out;
}

export const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
