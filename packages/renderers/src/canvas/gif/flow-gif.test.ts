import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gifDimensions } from '@flow-visualizer/core/testing';
import { createCanvasRenderer } from '../plugin.js';
import { CanvasOptionsSchema } from '../options.js';
import { flowFixture } from '../test-utils/flow-fixture.js';
import { decodeGif } from '../test-utils/gif-decode.js';
import { gifFrameCount, gifLayout, renderFlowGif } from './flow-gif.js';

/** Share of pixels of the plot area that differ between two RGBA frames. */
function changed(a: Uint8ClampedArray, b: Uint8ClampedArray, size: number): number {
  const { plot } = gifLayout(size);
  let n = 0;
  for (let y = plot.y; y < plot.y + plot.h; y++) for (let x = plot.x; x < plot.x + plot.w; x++) {
    const k = (y * size + x) * 4;
    if (a[k] !== b[k] || a[k + 1] !== b[k + 1] || a[k + 2] !== b[k + 2]) n++;
  }
  return n / (plot.w * plot.h);
}

describe('flow.gif', () => {
  const result = flowFixture({ n: 2000 });

  it('is an endlessly looping GIF89a with the expected frames, under 5 MB, at the default settings (time and size printed)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fv-gif-'));
    try {
      const r = createCanvasRenderer({ plots: [] });
      const [file] = await r.render(result, dir);
      expect(path.basename(file)).toBe('flow.gif');
      const bytes = new Uint8Array(readFileSync(file));
      const size = statSync(file).size;
      console.log(`flow.gif: ${gifFrameCount(CanvasOptionsSchema.parse({}))} frames, ${(size / 1e6).toFixed(2)} MB, drawn in ${r.timings.gif!.toFixed(2)} s`);
      expect(size).toBeLessThan(5e6);
      expect(gifDimensions(bytes)).toEqual({ width: 420, height: 420 });
      const gif = decodeGif(bytes);
      expect(gif.version).toBe('GIF89a');
      expect(gif.loops).toBe(0);
      expect(gif.frames).toHaveLength(80);
      expect(gif.frames[1].delayMs).toBe(50);
      // The last frame (the learned distribution) is held longer.
      expect(gif.frames.at(-1)!.delayMs).toBeGreaterThan(1000);
      // The points move: noise at t=0 and the data at t=1 look different, and consecutive frames differ too.
      expect(changed(gif.frames[0].rgba, gif.frames.at(-1)!.rgba, 420)).toBeGreaterThan(0.05);
      expect(changed(gif.frames[40].rgba, gif.frames[41].rgba, 420)).toBeGreaterThan(0.001);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows gif_seconds × gif_fps, gif_size, and works without the model (backdrop from result.fields)', async () => {
    const { velocity: _v, ...noModel } = result;
    const opts = CanvasOptionsSchema.parse({ gif_seconds: 1.5, gif_fps: 10, gif_size: 200, trails: false });
    const gif = decodeGif(await renderFlowGif(noModel, opts));
    expect([gif.width, gif.height, gif.frames.length]).toEqual([200, 200, 15]);
    expect(gif.frames[1].delayMs).toBe(100);
  });

  it('draws the orange generated points at t=1 where the data is', async () => {
    const opts = CanvasOptionsSchema.parse({ gif_seconds: 1, gif_fps: 4, gif_size: 240, field_backdrop: false, show_target: false, trails: false });
    const gif = decodeGif(await renderFlowGif(result, opts));
    const last = gif.frames.at(-1)!.rgba;
    const { plot } = gifLayout(240);
    // The spiral leaves its centre and the corners empty: count orange pixels in the middle ring vs a corner.
    const orange = (x0: number, y0: number, w: number) => {
      let n = 0;
      for (let y = y0; y < y0 + w; y++) for (let x = x0; x < x0 + w; x++) {
        const k = (y * 240 + x) * 4;
        if (last[k] > 180 && last[k + 1] < 150 && last[k + 2] < 120) n++;
      }
      return n;
    };
    expect(orange(plot.x + 2, plot.y + 2, 20)).toBe(0);
    expect(orange(plot.x, plot.y + plot.h / 2 - 10, plot.w)).toBeGreaterThan(0);
  });
});

describe('evolution.gif', () => {
  it('shows each training snapshot, held, with morph frames between them; the points move from noise to the data', async () => {
    const { renderEvolutionGif } = await import('./evolution-gif.js');
    const result = flowFixture({ n: 1000 });
    const snaps = result.evolution!.length;
    const gif = decodeGif(renderEvolutionGif(result, 240)!);
    expect([gif.width, gif.height, gif.loops]).toEqual([240, 240, 0]);
    expect(gif.frames).toHaveLength(snaps + (snaps - 1) * 7);
    // A snapshot is held, a morph frame is short, the last snapshot longest.
    expect(gif.frames[0].delayMs).toBe(700);
    expect(gif.frames[1].delayMs).toBe(60);
    expect(gif.frames.at(-1)!.delayMs).toBe(2100);
    expect(changed(gif.frames[0].rgba, gif.frames.at(-1)!.rgba, 240)).toBeGreaterThan(0.01);
    expect(changed(gif.frames[1].rgba, gif.frames[2].rgba, 240)).toBeGreaterThan(0.001);
  });

  it('is not written when training recorded nothing', async () => {
    const { renderEvolutionGif } = await import('./evolution-gif.js');
    expect(renderEvolutionGif({ ...flowFixture({ n: 100 }), evolution: [] }, 200)).toBeNull();
  });
});
