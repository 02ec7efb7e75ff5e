import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkRenderedFile, pngDimensions, sampleFlowResult } from '@flow-visualizer/core/testing';
import { createCanvasRenderer } from './plugin.js';
import { createReportRenderer } from '../report/plugin.js';
import { plotFigure } from './render-plot.js';
import { MAX_FIGURE_PIXELS } from './figure.js';

describe('canvas and report on thin results', () => {
  it('draw a result with no loss, no fields, no model, one frame and non-finite points', async () => {
    const base = sampleFlowResult({ n: 5 });
    const generated = Float32Array.from(base.generated);
    generated[0] = NaN;
    generated[3] = Infinity;
    const { velocity: _v, ...rest } = base;
    const thin = { ...rest, generated, lossHistory: [], fields: [], evolution: [], frames: [{ t: 0, x: base.frames[0].x }], metrics: { ...base.metrics, sliced_w1: NaN } };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fv-thin-'));
    try {
      const files = [
        ...(await createCanvasRenderer({ plots: ['comparison', 'trajectory', 'vector_field', 'loss', 'density'], gif_seconds: 1, gif_fps: 4, gif_size: 140 }).render(thin, dir)),
        ...(await createReportRenderer().render(thin, dir)),
      ];
      expect(files).toHaveLength(7);
      for (const f of files) checkRenderedFile(f, new Uint8Array(readFileSync(f)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('caps a figure at MAX_FIGURE_PIXELS instead of asking for a giant canvas', () => {
    const result = sampleFlowResult({ n: 20, visualization: { panel_size: 2000, pixel_ratio: 8 } });
    const fig = plotFigure('loss', result, { panel: 2000, ratio: 8, logLoss: true, densityBins: 40 });
    expect(fig.canvas.width * fig.canvas.height).toBeLessThanOrEqual(MAX_FIGURE_PIXELS * 1.01);
    expect(fig.ratio).toBeLessThan(8);
    const { width } = pngDimensions(fig.canvas.toBuffer('image/png'));
    expect(width).toBe(fig.canvas.width);
  });
});
