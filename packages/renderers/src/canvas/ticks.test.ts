import { formatTick, logTicks, niceTicks } from './ticks.js';

describe('axis ticks', () => {
  it('steps linear axes by 1, 2 or 5 × 10^k and keeps 0 exact', () => {
    expect(niceTicks(-2.2, 2.2, 5)).toEqual([-2, -1, 0, 1, 2]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('labels at least three values on a log axis, however narrow', () => {
    expect(logTicks(0.001, 10)).toEqual([0.001, 0.01, 0.1, 1, 10]);
    expect(logTicks(0.8, 2.2)).toEqual([0.8, 1, 1.5, 2]);
    expect(logTicks(0.9, 1.1).length).toBeGreaterThanOrEqual(2);
  });

  it('formats short labels', () => {
    expect([0, 0.5, 2, 1e-4, 25000].map(formatTick)).toEqual(['0', '0.5', '2', '1e-4', '3e4']);
  });
});
