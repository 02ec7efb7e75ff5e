import { brushSegment, drawnDataConfig, eraseSegment, strokeRng } from './brush.js';

describe('the brush sprays points inside its disc along the stroke', () => {
  it('every point is within the radius of the segment, stamps spread evenly from end to end', () => {
    const pts: number[] = [];
    const state = { carry: 0 };
    const added = brushSegment(pts, [-2, 1], [2, 1], 0.2, state, strokeRng(3));
    // One stamp every 0.1 over 4 units: 40 stamps of 3 points (the end is the next segment's start; 41 when
    // rounding lands on it).
    expect(added).toBeGreaterThanOrEqual(40 * 3);
    expect(added).toBeLessThanOrEqual(41 * 3);
    for (let i = 0; i < pts.length; i += 2) {
      expect(Math.abs(pts[i + 1] - 1)).toBeLessThanOrEqual(0.2 + 1e-4);
      expect(pts[i]).toBeGreaterThanOrEqual(-2.2 - 1e-4);
      expect(pts[i]).toBeLessThanOrEqual(2.2 + 1e-4);
    }
    const xs = pts.filter((_, i) => i % 2 === 0);
    expect(Math.min(...xs)).toBeLessThan(-1.9);
    expect(Math.max(...xs)).toBeGreaterThan(1.9);
  });

  it('keeps the spacing across many small moves (a slow drag gives no more points than a fast one)', () => {
    const slow: number[] = [], fast: number[] = [];
    const s1 = { carry: 0 }, s2 = { carry: 0 };
    for (let k = 0; k < 100; k++) brushSegment(slow, [k * 0.02, 0], [(k + 1) * 0.02, 0], 0.2, s1, strokeRng(k));
    brushSegment(fast, [0, 0], [2, 0], 0.2, s2, strokeRng(1));
    expect(Math.abs(slow.length - fast.length)).toBeLessThanOrEqual(2 * 3 * 2);
  });

  it('stops at maxPoints, and the same strokes with the same seed give the same points', () => {
    const a: number[] = [], b: number[] = [];
    brushSegment(a, [0, 0], [3, 0], 0.1, { carry: 0 }, strokeRng(9), 3, 50);
    brushSegment(b, [0, 0], [3, 0], 0.1, { carry: 0 }, strokeRng(9), 3, 50);
    expect(a.length).toBe(100);
    expect(a).toEqual(b);
  });
});

describe('the eraser and the exported config', () => {
  it('removes exactly the points within its radius of its path', () => {
    const pts = [0, 0, 0.5, 0, 1, 1, -1, 0.05, 3, 3];
    expect(eraseSegment(pts, [-1, 0], [1, 0], 0.1)).toBe(3);
    expect(pts).toEqual([1, 1, 3, 3]);
  });

  it('a drawn shape is the points dataset, listed inline, kept where drawn, rounded to 1e-4', () => {
    expect(drawnDataConfig([0.123456, -1, 2, 2.00004])).toEqual({ name: 'points', options: { points: [[0.1235, -1], [2, 2]], normalize: false } });
  });
});
