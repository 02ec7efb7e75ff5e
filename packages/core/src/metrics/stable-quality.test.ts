import { createRng } from '../rng.js';
import { slicedWasserstein } from './sliced-wasserstein.js';
import { slicedW1Against, stableQuality } from './stable-quality.js';

/** A fresh draw of a fixed 2D distribution: an elongated Gaussian blob plus a ring (something with structure). */
function draw(n: number, rng: ReturnType<typeof createRng>): Float32Array {
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    if (rng.next() < 0.5) {
      out[2 * i] = 1.2 * rng.normal() - 1;
      out[2 * i + 1] = 0.3 * rng.normal();
    } else {
      const a = 2 * Math.PI * rng.next();
      out[2 * i] = 1 + Math.cos(a) + 0.05 * rng.normal();
      out[2 * i + 1] = Math.sin(a) + 0.05 * rng.normal();
    }
  }
  return out;
}

describe('sliced W1 against a reference of another size', () => {
  it('equals the quantile-matched sliced W1 when both sets have the same size', () => {
    const rng = createRng(3);
    const a = draw(3000, rng.fork('a')), b = draw(3000, rng.fork('b'));
    const [w] = slicedW1Against([a], b, 256, 5);
    expect(w).toBeGreaterThan(0);
    expect(Math.abs(w - slicedWasserstein(a, b, 256, 5)) / w).toBeLessThan(0.01);
  });

  it('grows with a shift of the sample by about the shift', () => {
    const rng = createRng(4);
    const ref = draw(20000, rng.fork('ref'));
    const shifted = draw(4000, rng.fork('s')).map((v, i) => (i % 2 === 0 ? v + 0.5 : v));
    // The mean |projection of (0.5, 0)| over directions is 0.5·2/π.
    expect(slicedW1Against([shifted], ref, 128, 1)[0]).toBeCloseTo(0.5 * (2 / Math.PI), 1);
  });
});

describe('the stable quality figure', () => {
  const fresh = (seed: number) => (n: number, label: string) => draw(n, createRng(seed, label));

  // On this two-part mixture one draw's distance is dominated by how its points split between the parts, so a single
  // perfect sample scores anywhere from ~0.7 to ~2.8 (measured over seeds 90-99): the figure is judged by its median
  // over several perfect draws, and a blur is claimed only where it clears the perfect draws' own spread.
  it('scores perfect samples (fresh draws) near 1 in the median and a clearly blurred one above all of them', async () => {
    const opts = { seed: 1, projections: 32 };
    const perfect: number[] = [];
    for (let s = 0; s < 7; s++) perfect.push((await stableQuality(draw(10000, createRng(90 + s, 'perfect')), fresh(1), opts)).ratio);
    const sorted = [...perfect].sort((a, b) => a - b);
    expect(sorted[3]).toBeGreaterThan(0.6);
    expect(sorted[3]).toBeLessThan(1.4);
    const sample = draw(10000, createRng(5, 'perfect'));
    const blur = createRng(8);
    const blurred = sample.map((v) => v + 0.3 * blur.normal());
    const b = await stableQuality(blurred, fresh(1), opts);
    expect(b.reference_points).toBe(50000);
    expect(b.floor_draws).toHaveLength(4);
    expect(b.ratio).toBeCloseTo(b.sliced_w1 / b.floor, 12);
    expect(b.ratio).toBeGreaterThan(sorted[sorted.length - 1]);
    expect(b.ratio).toBeGreaterThan(3);
  });
});
