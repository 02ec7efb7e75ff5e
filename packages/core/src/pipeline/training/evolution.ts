import type { VelocityModel } from '../../ports/velocity-model.js';
import { createRng } from '../../rng.js';
import { pointCount, randomSubset } from '../../points.js';
import { slicedWasserstein } from '../../metrics/sliced-wasserstein.js';

/** The model's samples at one moment of training. */
export interface EvolutionSnapshot {
  /** Epochs done when the snapshot was taken. */
  epoch: number;
  /** The first EVOLUTION_POINTS of the points carried from the same noise at every snapshot, n×2 interleaved. */
  x: Float32Array;
  /** Sliced W1 of EVOLUTION_METRIC_POINTS carried points against as many training points (the same ones at every snapshot). */
  sliced_w1: number;
  /**
   * The same figure between two disjoint sets of that many training points: what a perfect model would score,
   * the figure's own noise level (absent in records written before it was kept).
   */
  sliced_w1_floor?: number;
  /** A conditional run: the condition each of `x`'s points was sampled with (class id or value), for colours. */
  conditions?: Float32Array;
}

/** Points drawn per snapshot, and the Euler steps that carry them: enough to see the shape. */
export const EVOLUTION_POINTS = 800;
export const EVOLUTION_STEPS = 20;
/**
 * Points whose sliced W1 each snapshot measures: with 800 its floor (~0.035 on the T-Rex) was larger than the
 * late snapshots' differences; with 4,000 it is ~0.015. Carrying them costs ~1% of a default run's training.
 */
export const EVOLUTION_METRIC_POINTS = 4000;

/**
 * The epochs at which at most `count` snapshots are taken: 1, 2, 4, 8, … (learning is fastest at the start, so
 * a doubling schedule shows it where evenly spaced snapshots see a finished model), and always the last epoch.
 * When there are more of these than `count`, an evenly spread choice of them is kept, the first and the last included.
 */
export function evolutionEpochs(nEpochs: number, count: number): number[] {
  if (count <= 0 || nEpochs <= 0) return [];
  const all: number[] = [];
  for (let e = 1; e < nEpochs; e *= 2) all.push(e);
  all.push(nEpochs);
  if (all.length <= count) return all;
  if (count === 1) return [nEpochs];
  const kept = new Set<number>();
  for (let k = 0; k < count; k++) kept.add(all[Math.round((k * (all.length - 1)) / (count - 1))]);
  return [...kept].sort((a, b) => a - b);
}

/** The floor of a record's sliced W1 (the same at every snapshot), when it was kept. */
export function evolutionFloor(snaps: readonly EvolutionSnapshot[]): number | undefined {
  const f = snaps.find((s) => typeof s.sliced_w1_floor === 'number' && Number.isFinite(s.sliced_w1_floor))?.sliced_w1_floor;
  return f;
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

  private readonly floor: number;

  /** start: the starting points from the run's source (at least EVOLUTION_POINTS); absent: standard normals. */
  constructor(data: Float32Array, nEpochs: number, count: number, private readonly seed: number, start?: Float32Array) {
    this.epochs = new Set(evolutionEpochs(nEpochs, count));
    const rng = createRng(seed, 'evolution');
    const m = Math.min(EVOLUTION_METRIC_POINTS, Math.floor(pointCount(data) / 2), start ? pointCount(start) : Infinity);
    this.noise = start ?? rng.fork('noise').fillNormal(new Float32Array(2 * Math.max(m, EVOLUTION_POINTS)));
    const both = randomSubset(data, 2 * m, rng.fork('reference'));
    this.reference = both.subarray(0, 2 * m);
    this.floor = this.epochs.size ? slicedWasserstein(this.reference, both.subarray(2 * m), 128, this.seed) : NaN;
  }

  async after(epoch: number, model: VelocityModel): Promise<void> {
    if (!this.epochs.has(epoch)) return;
    const x = Float32Array.from(this.noise);
    const dt = 1 / EVOLUTION_STEPS;
    for (let k = 0; k < EVOLUTION_STEPS; k++) {
      const v = await model.predict(x, k * dt);
      for (let i = 0; i < x.length; i++) x[i] += dt * v[i];
    }
    this.snapshots.push({ epoch, x: x.slice(0, 2 * EVOLUTION_POINTS), sliced_w1: slicedWasserstein(x, this.reference, 128, this.seed), sliced_w1_floor: this.floor });
  }
}
