import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { createRng } from '@flow-visualizer/core';
import { image } from './image.js';
import { make } from './test-utils/ctx.js';
import { caught, tmpDirWith } from './test-utils/tmp.js';
import { countIn } from './test-utils/shape.js';

describeDatasetContract('image (PNG, dark)', () => make(image(), { file: 'letter-l.png' }, 0.02));
describeDatasetContract('image (PNG, opaque)', () => make(image(), { file: 'letter-l.png', mode: 'opaque' }, 0.02));
describeDatasetContract('image (JPEG)', () => make(image(), { file: 'triangle.jpg' }, 0.02));

describe('image draws the dark pixels, upright', () => {
  it('the PNG "L": a bar up the left side, a foot along the bottom, nothing at the top right', async () => {
    const p = await (await make(image(), { file: 'letter-l.png' })).sample(5000, createRng(2));
    // The L is 48 wide, 36 tall: in box units x ∈ [-2, 2], y ∈ [-1.5, 1.5].
    expect(countIn(p, 0, 2, 0, 2)).toBe(0);
    expect(countIn(p, -2, -1, 0.5, 1.5)).toBeGreaterThan(300);
    expect(countIn(p, 1, 2, -1.5, -0.5)).toBeGreaterThan(300);
    // Uniform over the L's pixels: the vertical bar above the foot is 12×24 px of 12×36 + 36×12 = 864 px.
    expect(countIn(p, -2, -1, -0.5, 2) / 5000).toBeCloseTo((12 * 24) / 864, 1);
  });

  it('opaque mode gives the same shape for a black-on-transparent PNG', async () => {
    const p = await (await make(image(), { file: 'letter-l.png', mode: 'opaque' })).sample(3000, createRng(2));
    expect(countIn(p, 0, 2, 0, 2)).toBe(0);
  });

  it('the JPEG triangle points up: wide at the bottom, narrow at the top', async () => {
    const p = await (await make(image(), { file: 'triangle.jpg' })).sample(6000, createRng(2));
    const width = (y0: number, y1: number) => {
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < p.length; i += 2) if (p[i + 1] >= y0 && p[i + 1] < y1) [lo, hi] = [Math.min(lo, p[i]), Math.max(hi, p[i])];
      return hi - lo;
    };
    expect(width(-1.5, -1.3)).toBeGreaterThan(3.5);
    expect(width(1, 1.3)).toBeLessThan(1);
  });

  it('a lower threshold takes in lighter pixels (grey counts at 0.3, not at 0.7)', async () => {
    // A 2×1 PNG would need an encoder; draw it instead: left pixel mid-grey, right pixel black.
    const { createCanvas } = await import('@napi-rs/canvas');
    const c = createCanvas(2, 1);
    const g = c.getContext('2d');
    g.fillStyle = '#808080';
    g.fillRect(0, 0, 1, 1);
    g.fillStyle = '#000000';
    g.fillRect(1, 0, 1, 1);
    const dir = tmpDirWith({ 'two.png': c.toBuffer('image/png') });
    const sample = async (threshold: number) => (await make(image(), { file: 'two.png', threshold }, 0, dir)).sample(2000, createRng(1));
    const left = async (threshold: number) => countIn(await sample(threshold), -3, 0, -3, 3) / 2000;
    // At 0.7 only the black pixel is left: one square pixel, as wide as it is tall.
    const p = await sample(0.7);
    let w = 0, h = 0;
    for (let i = 0; i < p.length; i += 2) [w, h] = [Math.max(w, Math.abs(p[i])), Math.max(h, Math.abs(p[i + 1]))];
    expect(w / h).toBeCloseTo(1, 1);
    // Probability by darkness: grey (~0.5 dark) is picked about half as often as black.
    expect(await left(0.3)).toBeGreaterThan(0.25);
    expect(await left(0.3)).toBeLessThan(0.42);
  });
});

describe('image: bad input is a clear DATA_* error', () => {
  it('missing file', async () => {
    const e = await caught(() => make(image(), { file: 'nope.png' }));
    expect(e.code).toBe('DATA_NOT_FOUND');
    expect(e.message).toContain("'nope.png'");
  });

  it('empty file', async () => {
    const e = await caught(() => make(image(), { file: 'empty.png' }, 0, tmpDirWith({ 'empty.png': '' })));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toMatch(/'empty\.png' is empty/);
  });

  it('unreadable image', async () => {
    const e = await caught(() => make(image(), { file: 'junk.png' }, 0, tmpDirWith({ 'junk.png': 'this is not a PNG at all' })));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toContain("Image 'junk.png' could not be read");
    expect(e.hint).toMatch(/PNG or JPEG/);
  });

  it('an image with no dark pixel says what to change', async () => {
    const e = await caught(() => make(image(), { file: 'blank.png' }));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toContain("'blank.png' has no pixel dark enough");
    expect(e.hint).toMatch(/threshold/);
    // A white opaque image in opaque mode is fine; in dark mode, it is the error above.
    await expect(make(image(), { file: 'blank.png', mode: 'opaque' })).resolves.toBeDefined();
  });
});
