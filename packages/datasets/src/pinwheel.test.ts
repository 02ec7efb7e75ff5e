import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { pinwheel } from './pinwheel.js';
import { draw, make } from './test-utils/ctx.js';
import { clusters } from './test-utils/shape.js';

describeDatasetContract('pinwheel', () => make(pinwheel(), {}, 0.02));

describe('pinwheel has blades', () => {
  it.each([5, 3])('with %i arms: that many blades away from the centre', async (arms) => {
    const p = await draw(pinwheel(), 8000, 5, { arms }, 0.02);
    // Near the centre the blades meet; beyond half the box they are apart.
    expect(clusters(p, 0.12, 3, 100, (x, y) => Math.hypot(x, y) > 1)).toBe(arms);
  });
});
