import { straightness, straightnessStats } from './straightness.js';

const frames = (pos: (t: number, i: number) => [number, number], n: number, k = 61) =>
  Array.from({ length: k }, (_, f) => {
    const t = f / (k - 1);
    const x = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) [x[2 * i], x[2 * i + 1]] = pos(t, i);
    return { t, x };
  });

describe('straightness', () => {
  it('is 1 for straight paths, whatever the speed along them', () => {
    expect(straightness(frames((t, i) => [i + 3 * t * t, -i + 4 * t * t], 5))).toBeCloseTo(1, 6);
  });

  it('is π/2 for half circles (arc length πr over diameter 2r)', () => {
    const s = straightness(frames((t, i) => [(i + 1) * Math.cos(Math.PI * t), (i + 1) * Math.sin(Math.PI * t)], 4, 301));
    expect(s).toBeCloseTo(Math.PI / 2, 3);
  });

  it('takes the frames in time order and leaves out points that do not move', () => {
    const f = frames((t, i) => (i === 0 ? [1, 1] : [t, 2 * t]), 3);
    const st = straightnessStats([...f].reverse());
    expect(st.n).toBe(2);
    expect(st.mean).toBeCloseTo(1, 6);
    expect(straightnessStats(f.slice(0, 1)).n).toBe(0);
  });

  it('grows with detours', () => {
    const zig = (amp: number) => straightness(frames((t) => [t, amp * Math.sin(6 * Math.PI * t)], 1, 241));
    expect(zig(0.05)).toBeGreaterThan(1);
    expect(zig(0.2)).toBeGreaterThan(zig(0.05));
  });
});
