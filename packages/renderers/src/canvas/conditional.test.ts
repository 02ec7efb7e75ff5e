/**
 * Conditional runs through the canvas renderer: plots and flow.gif coloured by class. FV_KEEP_PICTURES=<dir>
 * keeps the PNGs (and flow.gif's last frame as PNG) to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { createCanvasRenderer } from './plugin.js';
import { conditionalFixture } from './test-utils/conditional-fixture.js';
import { decodeGif } from './test-utils/gif-decode.js';
import { gifLayout } from './gif/flow-gif.js';
import { classRgb } from '../plot/conditions.js';
import { colors } from '../plot/color.js';

const keep = process.env.FV_KEEP_PICTURES;

/** Pixels of the GIF's plot area within `tol` of colour c. */
function pixelsNear(rgba: Uint8ClampedArray, size: number, c: readonly number[], tol = 40): number {
  const { plot } = gifLayout(size);
  let n = 0;
  for (let y = plot.y; y < plot.y + plot.h; y++) for (let x = plot.x; x < plot.x + plot.w; x++) {
    const k = (y * size + x) * 4;
    if (Math.abs(rgba[k] - c[0]) + Math.abs(rgba[k + 1] - c[1]) + Math.abs(rgba[k + 2] - c[2]) < tol) n++;
  }
  return n;
}

describe('canvas renderer on a run with classes', () => {
  const result = conditionalFixture({ n: 800, visualization: { panel_size: 240, pixel_ratio: 1.5 } });

  it('draws the plots and flow.gif with the points in their class colours, not the generated orange', async () => {
    const root = keep ? path.join(keep, 'canvas') : mkdtempSync(path.join(os.tmpdir(), 'fv-cond-canvas-'));
    mkdirSync(root, { recursive: true });
    try {
      const r = createCanvasRenderer({ plots: ['comparison', 'trajectory', 'density'], gif_seconds: 2, gif_fps: 10, field_backdrop: false, evolution_gif: false });
      const files = await r.render(result, root);
      expect(files.map((f) => path.basename(f)).sort()).toEqual(['comparison.canvas.png', 'density.canvas.png', 'flow.gif', 'trajectory.canvas.png']);
      const gif = decodeGif(new Uint8Array(readFileSync(path.join(root, 'flow.gif'))));
      const last = gif.frames[gif.frames.length - 1].rgba;
      const size = gif.width;
      if (keep) {
        const c = createCanvas(size, size);
        const ctx = c.getContext('2d');
        const img = ctx.createImageData(size, size);
        img.data.set(last);
        ctx.putImageData(img, 0, 0);
        writeFileSync(path.join(root, 'flow-last-frame.png'), c.encodeSync('png'));
      }
      // Both classes' colours are there, in quantity; the plain runs' orange is not.
      expect(pixelsNear(last, size, classRgb(0))).toBeGreaterThan(100);
      expect(pixelsNear(last, size, classRgb(1))).toBeGreaterThan(100);
      expect(pixelsNear(last, size, colors.generated, 20)).toBeLessThan(20);
    } finally {
      if (!keep) rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it('evolution.gif draws the training record in the class colours when the record kept the conditions', async () => {
    const { renderEvolutionGif } = await import('./gif/evolution-gif.js');
    const gif = decodeGif(renderEvolutionGif(result, 300)!);
    const last = gif.frames[gif.frames.length - 1].rgba;
    expect(pixelsNear(last, 300, classRgb(0))).toBeGreaterThan(50);
    expect(pixelsNear(last, 300, classRgb(1))).toBeGreaterThan(50);
    expect(pixelsNear(last, 300, colors.generated, 20)).toBeLessThan(20);
  }, 60_000);
});
