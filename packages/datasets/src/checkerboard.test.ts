import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { checkerboard } from './checkerboard.js';
import { draw, make } from './test-utils/ctx.js';

describeDatasetContract('checkerboard', () => make(checkerboard(), {}, 0.02));

describe('checkerboard fills alternate cells', () => {
  it.each([4, 5])('with %i cells a side: points only in cells whose row + column is even, evenly', async (cells) => {
    const p = await draw(checkerboard(), 6000, 5, { cells });
    const counts = new Map<string, number>();
    for (let k = 0; k < p.length; k += 2) {
      // The board spans [-2, 2]²: cell index from the lower left corner.
      const i = Math.min(cells - 1, Math.floor(((p[k] + 2) / 4) * cells));
      const j = Math.min(cells - 1, Math.floor(((p[k + 1] + 2) / 4) * cells));
      expect((i + j) % 2).toBe(0);
      counts.set(`${i},${j}`, (counts.get(`${i},${j}`) ?? 0) + 1);
    }
    const filled = Math.ceil((cells * cells) / 2);
    expect(counts.size).toBe(filled);
    for (const c of counts.values()) expect(c).toBeGreaterThan((0.7 * 6000) / filled);
  });
});
