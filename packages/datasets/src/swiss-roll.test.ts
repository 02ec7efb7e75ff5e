import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { swissRoll } from './swiss-roll.js';
import { draw, make } from './test-utils/ctx.js';
import { clusters, xRuns } from './test-utils/shape.js';

describeDatasetContract('swiss_roll', () => make(swissRoll(), {}, 0.02));

describe('swiss_roll is one rolled-up arm', () => {
  it('is one connected curve that a horizontal line crosses several times', async () => {
    const p = await draw(swissRoll(), 5000, 5, {}, 0.01);
    expect(clusters(p, 0.12)).toBe(1);
    // The mean height cuts through the roll: crossing the arm at least 3 times (1.5 turns).
    let my = 0;
    for (let i = 1; i < p.length; i += 2) my += p[i];
    my /= p.length / 2;
    expect(xRuns(p, my - 0.03, my + 0.03, 0.08)).toBeGreaterThanOrEqual(3);
  });

  it('rolls further with more turns', async () => {
    const mean = async (turns: number) => {
      const p = await draw(swissRoll(), 3000, 5, { turns });
      let my = 0;
      for (let i = 1; i < p.length; i += 2) my += p[i];
      my /= p.length / 2;
      return xRuns(p, my - 0.03, my + 0.03, 0.06);
    };
    expect(await mean(3)).toBeGreaterThan(await mean(1));
  });
});
