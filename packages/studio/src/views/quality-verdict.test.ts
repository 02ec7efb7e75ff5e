import { atFloor, progressOf } from './quality-view.js';

describe('the quality bar’s verdict on the stable ratio', () => {
  it('is "done" only within twice its noise of 1, and runs on a log scale from the start’s ratio to 1', () => {
    // 3.6× the floor (the CLI's figure for the model the old bar called 99 % done) is far from done.
    expect(atFloor({ ratio: 3.6, noise: 0.2 })).toBe(false);
    expect(progressOf(3.6, 20)).toBeCloseTo(Math.log(20 / 3.6) / Math.log(20), 12);
    expect(progressOf(3.6, 20)).toBeLessThan(0.6);
    expect(atFloor({ ratio: 1.35, noise: 0.2 })).toBe(true);
    expect(atFloor({ ratio: 1.45, noise: 0.2 })).toBe(false);
    // Halving the ratio is the same step anywhere on the bar.
    expect(progressOf(10, 40) - progressOf(20, 40)).toBeCloseTo(progressOf(2, 40) - progressOf(4, 40), 12);
    expect(progressOf(40, 40)).toBe(0);
    expect(progressOf(0.9, 40)).toBe(1);
    expect(progressOf(50, 40)).toBe(0);
  });
});
