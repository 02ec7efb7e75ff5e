import { countingField, maxError, spinUpOde, decayOde, CONTRACT_X0 } from '@flow-visualizer/core/testing';
import { rk45, rk45Plugin, RK45_DEFAULTS } from './rk45.js';

const frames = Array.from({ length: 61 }, (_, i) => i / 60);

describe('rk45', () => {
  it('serves any number of snapshot times from its dense output, at no extra evaluations', async () => {
    const plain = await rk45().integrate(countingField(spinUpOde).field, CONTRACT_X0, { steps: 10 });
    const withFrames = await rk45().integrate(countingField(spinUpOde).field, CONTRACT_X0, { steps: 10, saveAt: frames });
    expect(withFrames.nfe).toBe(plain.nfe);
    expect(Array.from(withFrames.x)).toEqual(Array.from(plain.x));
    for (const s of withFrames.snapshots) {
      // The interpolant is 4th order: within a few times the tolerance of the exact solution.
      expect(maxError(s.x, spinUpOde.exact(CONTRACT_X0, s.t))).toBeLessThan(10 * RK45_DEFAULTS.rtol * 2);
    }
  });

  it('counts 1 + 6 evaluations per attempted step and reports accepted/rejected steps', async () => {
    const integ = rk45({ rtol: 1e-6, atol: 1e-6 });
    const res = await integ.integrate(countingField(spinUpOde).field, CONTRACT_X0, { steps: 2 });
    expect(integ.lastStats.accepted).toBeGreaterThan(5);
    // A first step of 1/2 on a full turn is far too long: it must be rejected.
    expect(integ.lastStats.rejected).toBeGreaterThan(0);
    expect(res.nfe).toBe(1 + 6 * (integ.lastStats.accepted + integ.lastStats.rejected));
  });

  it('takes rtol/atol from the plugin options, overridden by the integrate options', async () => {
    const opts = rk45Plugin().optionsSchema!.parse({ rtol: 1e-7, atol: 1e-7 });
    const tight = await (await rk45Plugin().create(opts, undefined as never)).integrate(countingField(spinUpOde).field, CONTRACT_X0, { steps: 10 });
    const loose = await rk45(opts).integrate(countingField(spinUpOde).field, CONTRACT_X0, { steps: 10, rtol: 1e-2, atol: 1e-2 });
    expect(tight.nfe).toBeGreaterThan(2 * loose.nfe);
    expect(maxError(tight.x, spinUpOde.exact(CONTRACT_X0, 1))).toBeLessThan(1e-5);
  });

  it('has documented defaults and rejects unknown options', () => {
    const schema = rk45Plugin().optionsSchema!;
    expect(schema.parse({})).toEqual(RK45_DEFAULTS);
    expect(schema.safeParse({ rtoll: 1e-3 }).success).toBe(false);
    expect(schema.safeParse({ rtol: -1 }).success).toBe(false);
  });

  it('gives up with a USAGE error after max_steps, and a MODEL_INVALID error on a non-finite field', async () => {
    await expect(rk45({ max_steps: 3, rtol: 1e-9, atol: 1e-9 }).integrate(countingField(spinUpOde).field, CONTRACT_X0, { steps: 10 }))
      .rejects.toMatchObject({ code: 'USAGE' });
    const nanField = async (x: Float32Array, t: number) => new Float32Array(x.length).fill(t > 0.3 ? NaN : 1);
    await expect(rk45().integrate(nanField, CONTRACT_X0, { steps: 10 })).rejects.toMatchObject({ code: 'MODEL_INVALID' });
  });

  it('needs few evaluations on a smooth decay whatever the step hint', async () => {
    for (const steps of [1, 10, 100]) {
      const res = await rk45().integrate(countingField(decayOde).field, CONTRACT_X0, { steps });
      expect(res.nfe).toBeLessThan(80);
      expect(maxError(res.x, decayOde.exact(CONTRACT_X0, 1))).toBeLessThan(2 * RK45_DEFAULTS.rtol);
    }
  });
});
