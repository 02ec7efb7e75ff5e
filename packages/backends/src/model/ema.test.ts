import { emaDecayAt, emaStep, usesEma } from './ema.js';

describe('moving average of the weights', () => {
  it('warms the decay up as (1 + step) / (10 + step), capped at the configured decay', () => {
    expect(emaDecayAt(0.995, 1)).toBeCloseTo(2 / 11, 12);
    expect(emaDecayAt(0.995, 90)).toBeCloseTo(91 / 100, 12);
    expect(emaDecayAt(0.995, 10_000)).toBe(0.995);
  });

  it('moves each weight by (1 − d) of its distance to the current weights', () => {
    const ema = new Float32Array([0, 10, -4]);
    emaStep(ema, new Float32Array([1, 0, -4]), 0.5, 1000);
    expect(Array.from(ema)).toEqual([0.5, 5, -4]);
  });

  it('tracks weights that stop moving, and forgets the start', () => {
    const ema = new Float32Array([100]);
    for (let step = 1; step <= 3000; step++) emaStep(ema, new Float32Array([1]), 0.995, step);
    expect(ema[0]).toBeCloseTo(1, 4);
  });

  it('is on only for a decay above 0', () => {
    expect(usesEma({})).toBe(false);
    expect(usesEma({ emaDecay: 0 })).toBe(false);
    expect(usesEma({ emaDecay: 0.99 })).toBe(true);
  });
});
