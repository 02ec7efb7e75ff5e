import { euler, eulerPlugin } from './euler.js';
import { builtinIntegratorPlugins } from './index.js';

// dx/dt = -x, through a field that returns one reused buffer (as a backend may).
function decayField() {
  let buf = new Float32Array(0);
  let calls = 0;
  const field = async (x: Float32Array) => {
    calls++;
    if (buf.length !== x.length) buf = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) buf[i] = -x[i];
    return buf;
  };
  return { field, calls: () => calls };
}

describe('euler', () => {
  it('takes exactly the Euler steps: x_N = (1 - h)^N x0, one evaluation per step', async () => {
    const { field, calls } = decayField();
    const x0 = Float32Array.from([1, -2, 0.5, 3]);
    const res = await euler().integrate(field, x0, { steps: 10 });
    expect(res.nfe).toBe(10);
    expect(calls()).toBe(10);
    for (let i = 0; i < 4; i++) expect(res.x[i]).toBeCloseTo(x0[i] * 0.9 ** 10, 6);
    expect(Array.from(x0)).toEqual([1, -2, 0.5, 3]);
  });

  it('returns grid snapshots exactly and takes a partial step to off-grid times, with no extra evaluations', async () => {
    const { field } = decayField();
    const x0 = Float32Array.from([1, 1]);
    const res = await euler().integrate(field, x0, { steps: 4, saveAt: [1, 0, 0.5, 0.6] });
    expect(res.snapshots.map((s) => s.t)).toEqual([1, 0, 0.5, 0.6]);
    expect(res.snapshots[0].x[0]).toBeCloseTo(0.75 ** 4, 6);
    expect(res.snapshots[1].x[0]).toBe(1);
    expect(res.snapshots[2].x[0]).toBeCloseTo(0.75 ** 2, 6);
    // From the grid state at 0.5, a step of 0.1: x(0.5) (1 - 0.1).
    expect(res.snapshots[3].x[0]).toBeCloseTo(0.75 ** 2 * 0.9, 6);
    expect(res.nfe).toBe(4);
    // Snapshots are copies, not views of a buffer that moves on.
    expect(res.snapshots[1].x).not.toBe(res.snapshots[0].x);
  });

  it('is a plugin with id euler, listed among the built-ins', () => {
    expect(eulerPlugin().id).toBe('euler');
    expect(builtinIntegratorPlugins().map((p) => p.id)).toContain('euler');
  });
});
