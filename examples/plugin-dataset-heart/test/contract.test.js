import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBrowserEntries, describeDatasetContract } from '@flow-visualizer/core/testing';
import { DATASET, LOG, PluginRegistry, createRng, pluginContext } from '@flow-visualizer/core';
import { createRunContainer, rootContainer } from '@flow-visualizer/core/container';
import { resolveConfig } from '@flow-visualizer/core/node';
import { heart } from '../src/index.js';

const ctx = { ...pluginContext(resolveConfig().config, process.cwd()), rng: createRng(0) };

describeDatasetContract('heart (filled)', () => heart().create({ fill: true }, ctx));
describeDatasetContract('heart (outline)', () => heart().create({ fill: false }, ctx));

describe('heart shape', () => {
  it('is symmetric left-right and has its point at the bottom', async () => {
    const p = await heart().create({ fill: true }, ctx).sample(4000, createRng(5));
    let left = 0, right = 0, ymin = Infinity, xAtYmin = 0;
    for (let i = 0; i < p.length; i += 2) {
      // Away from the axis: many points sit near x = 0, where fitting to the box moves them across it.
      if (p[i] < -0.3) left++; else if (p[i] > 0.3) right++;
      if (p[i + 1] < ymin) { ymin = p[i + 1]; xAtYmin = p[i]; }
    }
    expect(Math.abs(left - right) / (left + right)).toBeLessThan(0.06);
    expect(Math.abs(xAtYmin)).toBeLessThan(0.3);
  });
});

describe('heart asks the container for the log', () => {
  it('logs to the LOG registered on the run\'s child container', async () => {
    const lines = [];
    const config = resolveConfig({ overrides: ['data.name=heart', 'data.noise=0'] }).config;
    const child = createRunContainer(rootContainer, { config, baseDir: process.cwd(), registry: new PluginRegistry([heart()]), log: (m) => lines.push(m) });
    const dataset = await child.resolve(DATASET);
    expect(dataset.id).toBe('heart');
    expect(lines).toEqual(['heart: filled, noise 0.']);
  });
});

// A plain-JS plugin with `"exports": { ".": "./src/index.js" }` (no types) checks its entry as the README says.
describeBrowserEntries(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), ['.']);
