import type { ModelSpec, VelocityModel } from '../../ports/velocity-model.js';
import { createRng } from '../../rng.js';
import { straightPath } from '../../test-utils/straight-path.js';
import { EvolutionRecorder, EVOLUTION_POINTS, evolutionEpochs } from './evolution.js';
import { freshLoss } from './loss-floor.js';

/** A model with a known field: v(x, t) = (c − x)/(1 − t), which Euler carries onto the point c exactly. */
function towards(c: [number, number], calls: { n: number } = { n: 0 }): VelocityModel {
  return {
    backend: 'test',
    spec: {} as ModelSpec,
    trainStep: async () => 0,
    async predict(x, t) {
      calls.n++;
      const out = new Float32Array(x.length);
      for (let i = 0; i < x.length; i += 2) {
        const ti = typeof t === 'number' ? t : t[i / 2];
        out[i] = (c[0] - x[i]) / (1 - ti);
        out[i + 1] = (c[1] - x[i + 1]) / (1 - ti);
      }
      return out;
    },
    save: async () => undefined,
    numTensors: () => 0,
    dispose: () => undefined,
  };
}

describe('evolution snapshots', () => {
  it('are taken at epochs 1, 2, 4, 8, … and the last, so that the early learning shows; at most count of them', () => {
    expect(evolutionEpochs(300, 12)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300]);
    expect(evolutionEpochs(450, 12)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 450]);
    expect(evolutionEpochs(5, 8)).toEqual([1, 2, 4, 5]);
    expect(evolutionEpochs(8, 8)).toEqual([1, 2, 4, 8]);
    // Fewer allowed than the doubling gives: an even choice, the first and the last kept.
    expect(evolutionEpochs(300, 4)).toEqual([1, 8, 64, 300]);
    expect(evolutionEpochs(300, 1)).toEqual([300]);
    expect(evolutionEpochs(40, 0)).toEqual([]);
  });

  it('carry the same noise to t = 1 with the model of that moment, only at the chosen epochs', async () => {
    const data = createRng(1).fillNormal(new Float32Array(2 * 2000));
    const rec = new EvolutionRecorder(data, 16, 5, 7);
    const calls = { n: 0 };
    for (let e = 1; e <= 16; e++) await rec.after(e, towards(e <= 2 ? [1, 0] : [0, -1], calls));
    expect(rec.snapshots.map((s) => s.epoch)).toEqual([1, 2, 4, 8, 16]);
    // 20 Euler steps per snapshot, nothing in between.
    expect(calls.n).toBe(5 * 20);
    const [a, b, c] = rec.snapshots;
    expect(a.x).toHaveLength(2 * EVOLUTION_POINTS);
    for (let i = 0; i < a.x.length; i += 2) {
      expect(a.x[i]).toBeCloseTo(1, 4);
      expect(c.x[i + 1]).toBeCloseTo(-1, 4);
    }
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    // Every point at (1, 0) against standard normal data: sliced W1 is the mean projected distance, about 1.
    expect(a.sliced_w1).toBeGreaterThan(0.6);
    expect(a.sliced_w1).toBeLessThan(1.3);
    // The floor: two halves of the training points against each other, far below the figure, the same at every snapshot.
    expect(a.sliced_w1_floor).toBeGreaterThan(0);
    expect(a.sliced_w1_floor).toBeLessThan(0.1 * a.sliced_w1);
    expect(rec.snapshots.every((s) => s.sliced_w1_floor === a.sliced_w1_floor)).toBe(true);
  });
});

describe('loss on fresh pairs', () => {
  it('is the training objective of the model on new draws: a model that predicts 0 scores E|x1 − x0|²/2', async () => {
    // Data all at (1, 0), noise N(0, I): E[(1 − z1)² + z2²]/2 = (2 + 1)/2 = 1.5 for the linear path (u = x1 − x0).
    const data = new Float32Array(2 * 500);
    for (let i = 0; i < data.length; i += 2) data[i] = 1;
    const zero: VelocityModel = { ...towards([0, 0]), predict: async (x) => new Float32Array(x.length) };
    const loss = await freshLoss(zero, straightPath(), undefined, data, 256, createRng(3), 8192);
    expect(loss).toBeGreaterThan(1.45);
    expect(loss).toBeLessThan(1.55);
  });
});
