import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { moons, moonsOptionsSchema } from './moons.js';
import { draw, make } from './test-utils/ctx.js';
import { clusters } from './test-utils/shape.js';

describeDatasetContract('moons', () => make(moons(), {}, 0.02));

describe('moons looks like two moons', () => {
  it('is two separate clusters, each a half ring', async () => {
    const p = await draw(moons(), 4000, 5, {}, 0.02);
    expect(clusters(p, 0.15)).toBe(2);
    // Upper moon: the points above the middle bend downwards at both ends (a ∩), so the top is at the centre.
    let topX = 0, top = -Infinity;
    for (let i = 0; i < p.length; i += 2) if (p[i + 1] > top) [top, topX] = [p[i + 1], p[i]];
    expect(topX).toBeLessThan(0);
  });

  it('rejects a bad option through its schema', () => {
    expect(moonsOptionsSchema.safeParse({ vertical_offset: 'a lot' }).success).toBe(false);
    expect(moonsOptionsSchema.safeParse({ gap: 1 }).success).toBe(false);
  });
});
