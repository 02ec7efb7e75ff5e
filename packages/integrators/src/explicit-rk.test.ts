import { countingField, maxError, spinUpOde, CONTRACT_X0 } from '@flow-visualizer/core/testing';
import { euler } from './euler.js';
import { rk4 } from './rk4.js';
import { midpoint } from './midpoint.js';

// What visualize asks for: 61 evenly spaced frames plus the trajectory times, with 100 steps.
const frames = Array.from({ length: 61 }, (_, i) => i / 60);
const saveAt = [...new Set([...frames, 0, 0.2, 0.4, 0.6, 0.8, 1].map((t) => Math.round(t * 1e9) / 1e9))].sort((a, b) => a - b);
// Frames i/60 fall on the 1/100 grid when i is a multiple of 3 (and 0.2, 0.4, … always do).
const offGrid = saveAt.filter((t) => Math.abs(t * 100 - Math.round(t * 100)) > 1e-6).length;

describe('explicit RK driver', () => {
  it('finds which of visualize\'s save times are off the 100-step grid', () => {
    expect(saveAt.length).toBe(61);
    expect(offGrid).toBe(40);
  });

  it('Euler: off-grid frames are free (they reuse the step\'s first evaluation)', async () => {
    const res = await euler().integrate(countingField(spinUpOde).field, CONTRACT_X0, { steps: 100, saveAt });
    expect(res.nfe).toBe(100);
    expect(res.snapshots.map((s) => s.t)).toEqual(saveAt);
  });

  it('RK4: each off-grid frame costs its 3 further stages, counted', async () => {
    const res = await rk4().integrate(countingField(spinUpOde).field, CONTRACT_X0, { steps: 100, saveAt });
    expect(res.nfe).toBe(400 + 3 * offGrid);
    for (const s of res.snapshots) expect(maxError(s.x, spinUpOde.exact(CONTRACT_X0, s.t))).toBeLessThan(1e-5);
  });

  it('an off-grid snapshot is a partial step, not the nearest grid state', async () => {
    const t = 0.55; // halfway between grid points 0.5 and 0.6
    const res = await midpoint().integrate(countingField(spinUpOde).field, CONTRACT_X0, { steps: 10, saveAt: [0.5, t, 0.6] });
    const err = (i: number) => maxError(res.snapshots[i].x, spinUpOde.exact(CONTRACT_X0, res.snapshots[i].t));
    const gap = maxError(res.snapshots[0].x, spinUpOde.exact(CONTRACT_X0, t));
    expect(err(1)).toBeLessThan(Math.max(err(0), err(2)) * 2);
    expect(err(1)).toBeLessThan(gap / 3);
    expect(res.nfe).toBe(20 + 1);
  });

  it('Euler\'s partial step is exactly x_k + (t − t_k) v(x_k, t_k)', async () => {
    const { field } = countingField(spinUpOde);
    const res = await euler().integrate(field, CONTRACT_X0, { steps: 10, saveAt: [0.5, 0.55] });
    const v = await field(res.snapshots[0].x, 0.5);
    for (let i = 0; i < v.length; i++) expect(res.snapshots[1].x[i]).toBeCloseTo(res.snapshots[0].x[i] + 0.05 * v[i], 6);
  });
});
