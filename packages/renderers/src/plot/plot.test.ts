import { ARROW_FILL, arrowAt, bracket, lerpPoints, pointRows } from './index.js';

describe('the shared plotting module', () => {
  it('places an arrow centred on its grid point, its length proportional to the speed', () => {
    expect(arrowAt(1, 2, 3, 4, 10, 0.1)).toEqual({ x1: 1 - 0.15, y1: 2 - 0.2, x2: 1 + 0.15, y2: 2 + 0.2, speed: 5 });
  });

  it('draws an arrow faster than vmax at vmax\'s length and colour, in its own direction', () => {
    const a = arrowAt(0, 0, 30, 40, 10, ARROW_FILL)!;
    expect(a.speed).toBe(10);
    expect(Math.hypot(a.x2 - a.x1, a.y2 - a.y1)).toBeCloseTo(10 * ARROW_FILL, 12);
    expect((a.y2 - a.y1) / (a.x2 - a.x1)).toBeCloseTo(4 / 3, 12);
  });

  it('draws no arrow for a zero or non-finite velocity', () => {
    expect(arrowAt(0, 0, 0, 0, 1, 1)).toBeUndefined();
    expect(arrowAt(0, 0, NaN, 1, 1, 1)).toBeUndefined();
  });

  it('brackets a time between stored snapshots and interpolates points, skipping the non-finite ones', () => {
    expect(bracket([0, 0.5, 1], 0.75)).toEqual({ lo: 1, hi: 2, w: 0.5 });
    expect(bracket([0, 0.5, 1], 0.5)).toEqual({ lo: 1, hi: 1, w: 0 });
    expect(bracket([0, 0.5, 1], 2)).toEqual({ lo: 2, hi: 2, w: 0 });
    expect(lerpPoints([0, 0, 1, null, 2, 2], [2, 4, 1, 1, 4, 6], 0.5)).toEqual([{ x: 1, y: 2 }, { x: 3, y: 4 }]);
    expect(pointRows([1, 2, null, 3])).toEqual([{ x: 1, y: 2 }]);
  });
});
