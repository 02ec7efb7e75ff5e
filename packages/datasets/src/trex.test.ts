import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { createRng, DATA_BOX } from '@flow-visualizer/core';
import { insideTrex, trex, trexDataset } from './trex.js';
import { make } from './test-utils/ctx.js';
import { countIn, xRuns } from './test-utils/shape.js';

describeDatasetContract('trex', () => make(trex(), {}, 0.02));
describeDatasetContract('trex with outline, facing left', () => make(trex(), { outline: 0.3, facing: 'left' }, 0.02));

/** Width (max x - min x) of the points whose y lies in [y0, y1) and x in [x0, x1). */
function widthIn(p: Float32Array, x0: number, x1: number, y0: number, y1: number): number {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < p.length; i += 2) {
    if (p[i] >= x0 && p[i] < x1 && p[i + 1] >= y0 && p[i + 1] < y1) {
      lo = Math.min(lo, p[i + 1]);
      hi = Math.max(hi, p[i + 1]);
    }
  }
  return hi - lo;
}

describe('trex looks like a T-Rex', () => {
  const p = trexDataset({}, 0).sample(20000, createRng(5));

  it('fills the box: longest side spans [-2, 2], every point inside the silhouette', () => {
    let xmin = Infinity, xmax = -Infinity;
    for (let i = 0; i < p.length; i += 2) {
      xmin = Math.min(xmin, p[i]);
      xmax = Math.max(xmax, p[i]);
      expect(insideTrex(p[i], p[i + 1])).toBe(true);
    }
    expect(xmin).toBeCloseTo(-DATA_BOX, 1);
    expect(xmax).toBeCloseTo(DATA_BOX, 1);
  });

  it('has a big head at the top right, much taller than the tail is thick', () => {
    // Right of the jaw hinge (x > 1.13 in box units) is all head: a big share of the animal.
    expect(countIn(p, 1.13, 3, -3, 3) / (p.length / 2)).toBeGreaterThan(0.07);
    // The highest points belong to the head.
    let top = -Infinity, topX = 0;
    for (let i = 0; i < p.length; i += 2) if (p[i + 1] > top) [top, topX] = [p[i + 1], p[i]];
    expect(topX).toBeGreaterThan(1);
    // Everything in the top fifth of the animal is head and neck, and it is wide (the skull).
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < p.length; i += 2) if (p[i + 1] > 0.6) [lo, hi] = [Math.min(lo, p[i]), Math.max(hi, p[i])];
    expect(lo).toBeGreaterThan(0.6);
    expect(hi - lo).toBeGreaterThan(1);
    // Skull + open jaw, top to bottom, vs the tail halfway along.
    expect(widthIn(p, 1.4, 1.55, -2, 2)).toBeGreaterThan(3 * widthIn(p, -1.2, -1.1, -2, 2));
  });

  it('opens its jaw: a gap between the jaws at the snout', () => {
    // At the front of the snout, the column has points above and below but none in the mouth.
    const col = (y0: number, y1: number) => countIn(p, 1.75, 1.85, y0, y1);
    expect(col(0.7, 2)).toBeGreaterThan(0);
    expect(col(-2, 0.55)).toBeGreaterThan(0);
    expect(col(0.45, 0.62)).toBe(0);
  });

  it('has a long thin tail far to the left', () => {
    // The leftmost quarter is all tail: thin (small vertical extent) and above the ground.
    const tail = widthIn(p, -2, -1.2, -2, 2);
    expect(tail).toBeLessThan(0.4);
    expect(countIn(p, -2, -1.8, -2, 2)).toBeGreaterThan(0);
  });

  it('stands on two leg columns at the bottom, with a gap between them', () => {
    // A thin horizontal band just above the feet: points in two separate x-intervals.
    const runs = xRuns(p, -0.75, -0.55, 0.04);
    expect(runs).toBe(2);
  });
});
