import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { createRng, resolveConfig } from '@flow-visualizer/core';
import { heart } from '../src/index.js';

const ctx = { baseDir: process.cwd(), rng: createRng(0), config: resolveConfig().config, log: () => {} };

describeDatasetContract('heart (filled)', () => heart().create({ fill: true }, ctx));
describeDatasetContract('heart (outline)', () => heart().create({ fill: false }, ctx));

describe('heart shape', () => {
  it('is symmetric left-right and has its point at the bottom', async () => {
    const p = await heart().create({ fill: true }, ctx).sample(4000, createRng(5));
    let left = 0, right = 0, ymin = Infinity, xAtYmin = 0;
    for (let i = 0; i < p.length; i += 2) {
      if (p[i] < 0) left++; else right++;
      if (p[i + 1] < ymin) { ymin = p[i + 1]; xAtYmin = p[i]; }
    }
    expect(Math.abs(left - right) / 4000).toBeLessThan(0.05);
    expect(Math.abs(xAtYmin)).toBeLessThan(0.3);
  });
});
