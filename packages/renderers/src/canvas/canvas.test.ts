import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { guardPlugin, isFvError } from '@flow-visualizer/core';
import { describeRendererContract, pngDimensions, sampleFlowResult } from '@flow-visualizer/core/testing';
import { canvasRenderer, createCanvasRenderer } from './plugin.js';
import { CANVAS_PLOTS, CanvasOptionsSchema } from './options.js';
import { plotFigure } from './render-plot.js';
import { figureLayout, AXIS_LEFT_W, PAD, GAP } from './layout.js';
import { flowFixture } from './test-utils/flow-fixture.js';

// Small GIF in the contract runs: the contract renders three times.
// Every PNG plot and both GIFs, so that the contract covers all the renderer can write.
describeRendererContract('canvas', () => createCanvasRenderer({ plots: [...CANVAS_PLOTS], gif_seconds: 1, gif_fps: 8, gif_size: 160 }));

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'fv-canvas-'));

describe('canvas PNG plots', () => {
  it('are panel_size × pixel_ratio: each plot area is panel_size CSS pixels, the PNG is the layout × pixel_ratio', async () => {
    const result = sampleFlowResult({ visualization: { panel_size: 200, pixel_ratio: 1.5, trajectory_times: [0, 0.25, 0.5, 0.75, 1] } });
    const dir = tmp();
    try {
      const files = await createCanvasRenderer({ plots: [...CANVAS_PLOTS], gif: false }).render(result, dir);
      expect(files.map((f) => path.basename(f)).sort()).toEqual(CANVAS_PLOTS.map((p) => `${p}.canvas.png`).sort());
      for (const plot of CANVAS_PLOTS) {
        const { width, height } = pngDimensions(readFileSync(path.join(dir, `${plot}.canvas.png`)));
        const fig = plotFigure(plot, result, { panel: 200, ratio: 1.5, logLoss: true, densityBins: 40 });
        expect(width).toBe(Math.round(fig.layout.width * 1.5));
        expect(height).toBe(Math.round(fig.layout.height * 1.5));
        for (const r of fig.layout.plots) expect([r.w, r.h]).toEqual(plot === 'loss' ? [400, 180] : [200, 200]);
      }
      // Spelled out for one figure: 5 trajectory panels → 3 + 2 in two rows.
      const traj = figureLayout({ panels: 5, columns: 3, panelW: 200, panelH: 200, subtitle: true, legend: false });
      expect(traj.width).toBe(PAD + 3 * (AXIS_LEFT_W + 200) + 2 * GAP + PAD);
      expect(traj.plots[3].y).toBeGreaterThan(traj.plots[0].y + 200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('draws 100k points per scatter (time printed, not asserted)', async () => {
    const base = sampleFlowResult({ n: 50 });
    const big = (seed: number) => {
      const p = new Float32Array(200_000);
      let s = seed;
      // A cheap LCG: the points only need to cover the box; speed is what is measured.
      for (let i = 0; i < p.length; i += 2) {
        s = (s * 1664525 + 1013904223) >>> 0;
        const a = (s / 2 ** 32) * 2 * Math.PI;
        s = (s * 1664525 + 1013904223) >>> 0;
        const r = 1.5 + 0.15 * (s / 2 ** 32 - 0.5);
        p[i] = r * Math.cos(a);
        p[i + 1] = r * Math.sin(a);
      }
      return p;
    };
    const result = { ...base, target: big(1), generated: big(2) };
    const dir = tmp();
    try {
      const r = createCanvasRenderer({ plots: ['comparison', 'density'], gif: false });
      const t0 = performance.now();
      const files = await r.render(result, dir);
      const seconds = (performance.now() - t0) / 1000;
      // Printed for the report: 3 panels, 400k points drawn in all (target, generated, overlay of both).
      console.log(`canvas: comparison with 2 × 100k points in ${r.timings.comparison!.toFixed(2)} s, density in ${r.timings.density!.toFixed(2)} s (total ${seconds.toFixed(2)} s)`);
      expect(files).toHaveLength(2);
      const { width } = pngDimensions(readFileSync(files[0]));
      expect(width).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes nothing when one output fails: every file is drawn before any is written', async () => {
    const result = { ...flowFixture({ n: 200, nTarget: 200 }), velocity: async () => { throw new Error('model gone'); } };
    const dir = tmp();
    try {
      let error: unknown;
      try {
        // Through the plugin guard, as the pipeline creates it: the guard names the plugin and the part that failed.
        await guardPlugin(canvasRenderer(), createCanvasRenderer({ plots: ['comparison', 'loss'], gif_seconds: 1, gif_fps: 5, gif_size: 140 })).render(result, dir);
      } catch (e) {
        error = e;
      }
      expect(isFvError(error) && error.code).toBe('PLUGIN_FAILED');
      expect((error as Error).message).toBe("The renderer plugin 'fv:renderer-canvas' failed in render() while making 'flow.gif': model gone");
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('canvas options', () => {
  it('defaults every option and rejects unknown keys', () => {
    const o = CanvasOptionsSchema.parse({});
    expect(o).toMatchObject({ plots: [], gif: true, evolution_gif: true, log_loss: false, trails: true, field_backdrop: true, gif_fps: 20, gif_seconds: 4 });
    expect(CanvasOptionsSchema.safeParse({ gif_fsp: 10 }).success).toBe(false);
    expect(CanvasOptionsSchema.safeParse({ plots: ['scatter'] }).success).toBe(false);
  });

  it('is a renderer plugin with id canvas and every option described', async () => {
    const p = canvasRenderer();
    expect([p.kind, p.id, p.name]).toEqual(['renderer', 'canvas', 'fv:renderer-canvas']);
    for (const [key, schema] of Object.entries(CanvasOptionsSchema.shape)) expect([key, schema.description?.length ?? 0]).not.toEqual([key, 0]);
    const r = await p.create(CanvasOptionsSchema.parse({ gif: false }), { baseDir: '.', rng: undefined as never, run: { seed: 0, dataNoise: 0, sigmaMin: 0 }, log: () => undefined });
    expect(r.id).toBe('canvas');
  });
});
