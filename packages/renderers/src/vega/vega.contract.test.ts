import { describeRendererContract, sampleFlowResult } from '@flow-visualizer/core/testing';
import { guardPlugin } from '@flow-visualizer/core';
import { createVegaRenderer, vegaRenderer } from './plugin.js';
import { VegaOptionsSchema } from './options.js';

// All plots and formats, on a small synthetic result so that the suite stays quick.
describeRendererContract('vega', () => createVegaRenderer(), () => sampleFlowResult({ n: 200, epochs: 30, visualization: { grid_size: 8, panel_size: 160, pixel_ratio: 1 } }));

describe('vega renderer', () => {
  it('writes nothing when a plot fails; the plugin guard names the plot, from the parts reported', async () => {
    const { mkdtempSync, readdirSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const root = mkdtempSync(path.join(os.tmpdir(), 'fv-vega-'));
    try {
      const result = sampleFlowResult({ n: 50, visualization: { grid_size: 4, panel_size: 120, pixel_ratio: 1 } });
      // comparison renders (and rasterizes) before vector_field breaks on the missing fields.
      const broken = { ...result, fields: undefined as never };
      const r = guardPlugin(vegaRenderer(), createVegaRenderer({ plots: ['comparison', 'vector_field', 'loss'] }));
      const parts: string[] = [];
      await expect(r.render(broken, path.join(root, 'out'), { onProgress: (p) => parts.push(p) })).rejects.toMatchObject({
        code: 'PLUGIN_FAILED',
        plugin: 'fv:renderer-vega',
        message: expect.stringMatching(/^The renderer plugin 'fv:renderer-vega' failed in render\(\) while making 'vector_field': /),
      });
      expect(parts).toEqual(['comparison', 'vector_field']);
      expect(readdirSync(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('writes only the plots and formats asked for', async () => {
    const { mkdtempSync, readdirSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const root = mkdtempSync(path.join(os.tmpdir(), 'fv-vega-'));
    try {
      const r = createVegaRenderer({ plots: ['loss', 'density'], formats: ['svg', 'vl.json'] });
      const files = await r.render(sampleFlowResult({ n: 50, visualization: { panel_size: 120 } }), root);
      expect(files.map((f) => path.basename(f)).sort()).toEqual(['density.svg', 'density.vl.json', 'loss.svg', 'loss.vl.json']);
      expect(readdirSync(root).sort()).toEqual(['density.svg', 'density.vl.json', 'loss.svg', 'loss.vl.json']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('rejects unknown options and plot names', () => {
    expect(() => VegaOptionsSchema.parse({ plot: ['loss'] })).toThrow();
    expect(() => VegaOptionsSchema.parse({ plots: ['histogram'] })).toThrow();
    expect(VegaOptionsSchema.parse({})).toMatchObject({ plots: ['comparison', 'trajectory', 'paths', 'vector_field', 'density', 'evolution', 'loss', 'loss_by_time', 'likelihood', 'density_model', 'estimator_spread', 'guidance'], formats: ['png', 'svg', 'vl.json'], log_loss: false });
  });

  it('is the plugin builtinRendererPlugins() returns', async () => {
    const { builtinRendererPlugins } = await import('../index.js');
    const p = builtinRendererPlugins().find((x) => x.id === 'vega');
    expect(p).toMatchObject({ kind: 'renderer', name: 'fv:renderer-vega' });
  });
});
