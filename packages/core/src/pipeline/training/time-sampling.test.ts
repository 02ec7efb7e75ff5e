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

  it('a positive location moves the logit-normal times towards t = 1, by the logistic of the shift at the median', () => {
    const late = logitNormalTimes(1, 1)(createRng(7), new Float32Array(20000));
    expect(late.every((v) => v > 0 && v < 1)).toBe(true);
    const sorted = Float32Array.from(late).sort();
    // The median of sigmoid(z), z ~ N(1, 1), is sigmoid(1) = 0.731.
    expect(sorted[10000]).toBeCloseTo(0.731, 1);
    // More of them above 0.9 (P(z > ln 9) = P(N(0,1) > 1.197) = 0.116) than the centred one gives (0.014).
    const above = late.filter((v) => v > 0.9).length / late.length;
    expect(above).toBeCloseTo(0.116, 1);
    expect(timeSamplerOf({ ...defaultConfig(), training: { ...defaultConfig().training, time_sampling: 'logit_normal', time_sampling_loc: 1 } })(createRng(7), new Float32Array(8))).toEqual(
      logitNormalTimes(1, 1)(createRng(7), new Float32Array(8)),
    );
  });
});
