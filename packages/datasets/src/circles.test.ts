import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { circles } from './circles.js';
import { draw, make } from './test-utils/ctx.js';

describeDatasetContract('circles', () => make(circles(), {}, 0.02));

describe('circles is two rings', () => {
  it.each([0.5, 0.3])('with factor %f: radii 2 and 2·factor, half the points each', async (factor) => {
    const p = await draw(circles(), 4000, 5, { factor }, 0.02);
    let outer = 0, inner = 0;
    for (let i = 0; i < p.length; i += 2) {
      const r = Math.hypot(p[i], p[i + 1]);
      if (Math.abs(r - 2) < 0.1) outer++;
      else if (Math.abs(r - 2 * factor) < 0.1) inner++;
    }
    expect(outer + inner).toBe(4000);
    expect(outer / 4000).toBeGreaterThan(0.45);
    expect(inner / 4000).toBeGreaterThan(0.45);
  });
});
