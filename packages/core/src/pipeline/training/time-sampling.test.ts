import { createRng } from '../../rng.js';
import { defaultConfig } from '../../config/schema.js';
import { logitNormalTimes, timeSamplerOf, uniformTimes } from './time-sampling.js';

describe('time sampling', () => {
  it('uniform draws the numbers fillUniform draws (the original objective, unchanged)', () => {
    const a = uniformTimes(createRng(5, 'x'), new Float32Array(64));
    const b = createRng(5, 'x').fillUniform(new Float32Array(64));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(timeSamplerOf(defaultConfig())).toBe(uniformTimes);
  });

  it('logit-normal draws t in (0, 1), symmetric about 1/2, more of them in the middle than uniform', () => {
    const t = logitNormalTimes(1)(createRng(6), new Float32Array(20000));
    expect(t.every((v) => v > 0 && v < 1)).toBe(true);
    const mean = t.reduce((a, v) => a + v, 0) / t.length;
    expect(mean).toBeCloseTo(0.5, 2);
    // P(0.25 < t < 0.75) = P(|z| < ln 3) = 0.7286 for z ~ N(0, 1), against 0.5 for uniform.
    const middle = t.filter((v) => v > 0.25 && v < 0.75).length / t.length;
    expect(middle).toBeCloseTo(0.7286, 1);
    const wide = logitNormalTimes(3)(createRng(6), new Float32Array(20000));
    expect(wide.filter((v) => v > 0.25 && v < 0.75).length / wide.length).toBeLessThan(middle);
  });
});
