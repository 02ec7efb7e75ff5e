import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { describeRendererContract, gifDimensions, sampleFlowResult } from '@flow-visualizer/core/testing';
import { defaultConfig } from '@flow-visualizer/core';
import { builtinRendererPlugins } from '../index.js';
import { flowFixture } from '../canvas/test-utils/flow-fixture.js';
import { decodeGif, type DecodedGif } from '../canvas/test-utils/gif-decode.js';
import { colors } from '../plot/color.js';
import { contourSegments } from './contours.js';
import { kdeGrid } from './kde.js';
import { createAnimateRenderer } from './plugin.js';
import { pathRatios } from './curvature.js';
import { probabilityPathLayout } from './probability-path.js';

// Small GIFs in the contract runs: the contract renders three times.
describeRendererContract('animate', () => createAnimateRenderer({ height: 140, n_particles: 50, density_grid_size: 24 }), () => sampleFlowResult({ n: 200 }));

/** FV_ANIMATE_PREVIEW=<dir> writes a few frames of each GIF there as PNG, to look at them. */
function preview(name: string, gif: DecodedGif): void {
  const dir = process.env.FV_ANIMATE_PREVIEW;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const k of [0, Math.floor(gif.frames.length / 3), Math.floor((2 * gif.frames.length) / 3), gif.frames.length - 1]) {
    const c = createCanvas(gif.width, gif.height);
    const ctx = c.getContext('2d');
    const img = ctx.createImageData(gif.width, gif.height);
    img.data.set(gif.frames[k].rgba);
    ctx.putImageData(img, 0, 0);
    writeFileSync(path.join(dir, `${name}-${k}.png`), c.toBuffer('image/png'));
  }
}

const isColor = (rgba: Uint8ClampedArray, k: number, c: readonly number[], tol = 40) => Math.abs(rgba[k] - c[0]) + Math.abs(rgba[k + 1] - c[1]) + Math.abs(rgba[k + 2] - c[2]) < tol;

/** Mean x (in pixels) of the reddish pixels (the generated points, alone or blended over white) above the slider. */
function meanGeneratedX(gif: DecodedGif, k: number): number {
  const f = gif.frames[k].rgba;
  let s = 0, n = 0;
  for (let y = 0; y < gif.height * 0.85; y++) for (let x = 0; x < gif.width; x++) {
    const p = 4 * (y * gif.width + x);
    if (f[p] - Math.max(f[p + 1], f[p + 2]) > 30) (s += x), n++;
  }
  return s / n;
}

describe('animate renderer', () => {
  const result = flowFixture({ n: 2000 });
  let dir: string;
  const gifs: Record<string, DecodedGif> = {};
  let timings: Record<string, number> = {};
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'fv-animate-'));
    const r = createAnimateRenderer({ height: 300, animation_fps: 12, n_particles: 200, trail_length: 8, density_grid_size: 64 });
    const files = await r.render(result, dir);
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['curvature.gif', 'probability_path.gif']);
    for (const f of files) gifs[path.basename(f, '.gif')] = decodeGif(new Uint8Array(readFileSync(f)));
    timings = r.timings as Record<string, number>;
    console.log(`animate (fixture, 2000 points, 61 frames, height 300): probability_path.gif ${timings.probability_path.toFixed(2)} s, curvature.gif ${timings.curvature.toFixed(2)} s`);
    for (const [name, g] of Object.entries(gifs)) preview(name, g);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plays one frame per snapshot at its animation_fps option, loops, and holds the last frame', () => {
    for (const g of Object.values(gifs)) {
      expect(g.loops).toBe(0);
      expect(g.frames).toHaveLength(61);
      expect(g.frames[5].delayMs).toBe(80); // 1000 / 12 fps, in GIF centiseconds
      expect(g.frames[60].delayMs).toBeGreaterThan(1000);
    }
  });

  it('probability_path.gif: a wide frame in which the cloud travels from the left (t = 0) to the right (t = 1)', () => {
    const g = gifs.probability_path;
    expect(g.width).toBe(probabilityPathLayout(result.bounds, 300).width);
    expect(g.width).toBeGreaterThan(1.6 * g.height);
    const first = meanGeneratedX(g, 0), last = meanGeneratedX(g, 60);
    expect(first).toBeLessThan(0.45 * g.width);
    expect(last).toBeGreaterThan(0.55 * g.width);
  });

  it('the time indicator moves: the slider knob (generated colour on the track) is further right at each later frame', () => {
    const g = gifs.curvature;
    // The slider's filled part is the generated colour on the track row: its right end is where the knob is.
    const filledTo = (k: number) => {
      const f = g.frames[k].rgba;
      let right = -1;
      for (let y = Math.round(g.height * 0.85); y < g.height; y++) for (let x = 0; x < g.width; x++) if (isColor(f, 4 * (y * g.width + x), colors.generated)) right = Math.max(right, x);
      return right;
    };
    const ends = [0, 20, 40, 60].map(filledTo);
    for (let i = 1; i < ends.length; i++) expect(ends[i]).toBeGreaterThan(ends[i - 1]);
  });

  it('curvature.gif: coloured by path length ÷ distance, 1 for straight paths and more for curved ones', () => {
    const straight = [0, 0.5, 1].map((t) => ({ t, x: Float32Array.from([0, 0, 1, 1].map((v) => v * (1 + t))) }));
    expect(Array.from(pathRatios(straight, Uint32Array.from([1])))).toEqual([1]);
    const bent = [{ t: 0, x: Float32Array.from([0, 0]) }, { t: 0.5, x: Float32Array.from([1, 1]) }, { t: 1, x: Float32Array.from([2, 0]) }];
    expect(pathRatios(bent, Uint32Array.from([0]))[0]).toBeCloseTo(Math.SQRT2, 6);
  });
});

describe('density contours', () => {
  it('the contour of a single Gaussian bump is a closed ring at the radius where its density is the level', () => {
    const n = 20000, pts = new Float32Array(2 * n);
    // Points on a fine regular grid weighted... simpler: one point; the KDE is then the kernel itself.
    pts.fill(0);
    const b = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 };
    const g = kdeGrid(pts.subarray(0, 2), b, 81, 0.5);
    const seg = contourSegments(g, g.max * Math.exp(-0.5)); // exp(−r²/2h²) = e^−½ at r = h = 0.5
    expect(seg.length).toBeGreaterThan(40);
    const cell = 4 / 80;
    for (let i = 0; i < seg.length; i += 2) {
      const r = Math.hypot(-2 + seg[i] * cell, -2 + seg[i + 1] * cell);
      expect(Math.abs(r - 0.5)).toBeLessThan(0.03);
    }
  });

  it('is a built-in renderer plugin, off by default, whose options are validated', () => {
    const p = builtinRendererPlugins().find((x) => x.id === 'animate');
    expect(p?.kind).toBe('renderer');
    expect(defaultConfig().visualization.renderers).not.toContain('animate');
    expect(p!.optionsSchema!.safeParse({ animations: ['probability_path'], height: 200 }).success).toBe(true);
    expect(p!.optionsSchema!.safeParse({ animations: ['density'] }).success).toBe(false);
  });

  it('takes its settings from its options, and the result carries no config', async () => {
    const r = sampleFlowResult({ n: 100 });
    expect(Object.keys(r)).not.toContain('config');
    const d = mkdtempSync(path.join(os.tmpdir(), 'fv-animate-'));
    try {
      const [file] = await createAnimateRenderer({ animations: ['curvature'], height: 130, animation_fps: 5 }).render(r, d);
      const g = decodeGif(new Uint8Array(readFileSync(file)));
      expect(gifDimensions(new Uint8Array(readFileSync(file))).height).toBe(130);
      expect(g.frames[3].delayMs).toBe(200);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
