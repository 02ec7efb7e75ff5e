import type { ModelSpec, VelocityModel } from '../../ports/velocity-model.js';
import { createRng } from '../../rng.js';
import { straightPath as linearPath } from '../../test-utils/straight-path.js';
import { lossByTime } from './loss-by-time.js';

/** A model with a given field v(x, t). */
function field(f: (x: number, y: number, t: number) => [number, number]): VelocityModel {
  return {
    backend: 'test',
    spec: {} as ModelSpec,
    trainStep: async () => 0,
    async predict(x, t) {
      const out = new Float32Array(x.length);
      for (let i = 0; i < x.length; i += 2) [out[i], out[i + 1]] = f(x[i], x[i + 1], typeof t === 'number' ? t : t[i / 2]);
      return out;
    },
    save: async () => undefined,
    numTensors: () => 0,
    dispose: () => undefined,
  };
}

describe('loss by time', () => {
  it('with Gaussian data, gives the known irreducible part s²/(t²s² + (1 − t)²) of the linear path, and the best field reaches it', async () => {
    // x1 ~ N(0, s²I), x0 ~ N(0, I), x_t = t·x1 + (1 − t)·x0: E[u | x_t] = k(t)·x_t with k = (t·s² − (1 − t))/(t²s² + (1 − t)²).
    const s = 0.6, path = linearPath();
    const data = createRng(1).fillNormal(new Float32Array(2 * 10000), 0, s);
    const k = (t: number) => (t * s * s - (1 - t)) / (t * t * s * s + (1 - t) ** 2);
    const best = field((x, y, t) => [k(t) * x, k(t) * y]);
    const r = await lossByTime(best, path, data, createRng(2), { bins: 4, pairs: 1000 });
    expect(r.edges).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const exact = (t: number) => (s * s) / (t * t * s * s + (1 - t) ** 2);
    r.irreducible!.forEach((v, b) => {
      // The bin's mean over t of the exact variance (Simpson's rule over the bin).
      const [a, c] = [r.edges[b], r.edges[b + 1]];
      const mean = (exact(a) + 4 * exact((a + c) / 2) + exact(c)) / 6;
      expect(Math.abs(v! - mean) / mean).toBeLessThan(0.08);
      // The best field's loss is its irreducible part, up to the sampling noise of 1000 pairs.
      expect(Math.abs(r.loss[b] - v!) / v!).toBeLessThan(0.15);
    });
    // A field that predicts 0 is wrong everywhere: its loss is far above the irreducible part.
    const zero = await lossByTime(field(() => [0, 0]), path, data, createRng(2), { bins: 4, pairs: 1000 });
    zero.loss.forEach((l, b) => expect(l).toBeGreaterThan(r.irreducible![b]! * 1.2));
  });

  it('leaves the irreducible part out for paired or coupled training, where it is not computable', async () => {
    const data = createRng(1).fillNormal(new Float32Array(2 * 500));
    const r = await lossByTime(field(() => [0, 0]), linearPath(), data, createRng(2), { source: createRng(3).fillNormal(new Float32Array(2 * 500)), bins: 2, pairs: 50 });
    expect(r.irreducible).toBeNull();
    expect(r.loss).toHaveLength(2);
  });
});
