import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeRendererContract, sampleFlowResult } from '@flow-visualizer/core/testing';
import { createRng, pluginContext } from '@flow-visualizer/core';
import { resolveConfig } from '@flow-visualizer/core/node';
import { summaryRenderer } from '../src/index.js';

const ctx = { ...pluginContext(resolveConfig().config, process.cwd()), rng: createRng(0) };
const make = () => summaryRenderer().create(summaryRenderer().optionsSchema.parse({}), ctx);

describeRendererContract('summary', make);

describe('summary renderer', () => {
  it('records the cloud moving from noise (std ≈ 1 at t=0) and one panel per requested frame', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'fv-summary-'));
    const result = sampleFlowResult();
    const r = summaryRenderer().create({ columns: 4, panels: 8, max_points: 50 }, ctx);
    await r.render(result, out);
    const s = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(s.frames).toHaveLength(result.frames.length);
    expect(s.frames[0].t).toBe(0);
    expect(s.dataset).toBe(result.context.dataset);
    expect(s.frames[0].std[0]).toBeGreaterThan(0.7);
    expect(s.frames[0].std[0]).toBeLessThan(1.3);
    const svg = readFileSync(path.join(out, 'small-multiples.svg'), 'utf8');
    expect(svg.match(/t = /g)).toHaveLength(8);
  });
});
