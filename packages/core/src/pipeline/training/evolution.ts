import type { VelocityModel } from '../../ports/velocity-model.js';
import { createRng } from '../../rng.js';
import { randomSubset } from '../../points.js';
import { slicedWasserstein } from '../../metrics/sliced-wasserstein.js';

/** The model's samples at one moment of training. */
export interface EvolutionSnapshot {
  /** Epochs done when the snapshot was taken. */
  epoch: number;
  /** Points carried from the same noise at every snapshot, n×2 interleaved. */
  x: Float32Array;
  /** Sliced W1 of these points against as many training points (the same ones at every snapshot). */
  sliced_w1: number;
}

/** Points and Euler steps per snapshot: enough to see the shape, cheap next to an epoch of training. */
export const EVOLUTION_POINTS = 800;
export const EVOLUTION_STEPS = 20;

/** The epochs at which `count` snapshots are taken: every nEpochs/count epochs, the last one at the end. */
export function evolutionEpochs(nEpochs: number, count: number): number[] {
  if (count <= 0 || nEpochs <= 0) return [];
  const set = new Set<number>();
  for (let k = 1; k <= count; k++) set.add(Math.max(1, Math.round((k * nEpochs) / count)));
  return [...set].sort((a, b) => a - b);
}

/**
 * Records how the samples change while the model trains: at the chosen epochs it carries the same fixed noise
 * to t = 1 with a few Euler steps (what `predict` gives at that moment: the moving average, when there is one)
 * and keeps the points and their sliced W1. The training loop calls `after(epoch)` once per epoch.
 */
export class EvolutionRecorder {
  readonly snapshots: EvolutionSnapshot[] = [];
  private readonly epochs: Set<number>;
  private readonly noise: Float32Array;
  private readonly reference: Float32Array;

  /** start: EVOLUTION_POINTS starting points from the run's source; absent: standard normals. */
  constructor(data: Float32Array, nEpochs: number, count: number, private readonly seed: number, start?: Float32Array) {
    this.epochs = new Set(evolutionEpochs(nEpochs, count));
    const rng = createRng(seed, 'evolution');
    this.noise = start ?? rng.fork('noise').fillNormal(new Float32Array(2 * EVOLUTION_POINTS));
    this.reference = randomSubset(data, EVOLUTION_POINTS, rng.fork('reference'));
  }

  async after(epoch: number, model: VelocityModel): Promise<void> {
    if (!this.epochs.has(epoch)) return;
    const x = Float32Array.from(this.noise);
    const dt = 1 / EVOLUTION_STEPS;
    for (let k = 0; k < EVOLUTION_STEPS; k++) {
      const v = await model.predict(x, k * dt);
      for (let i = 0; i < x.length; i++) x[i] += dt * v[i];
    }
    this.snapshots.push({ epoch, x, sliced_w1: slicedWasserstein(x, this.reference, 128, this.seed) });
  }
}
