/**
 * The contract every Integrator keeps, as a Jest suite: it solves ODEs with known solutions, converges at its
 * stated order (halving the step divides the error by ~2^p), meets its tolerance when adaptive, counts every
 * velocity evaluation, returns snapshots at the asked times in the asked order, and never mutates x0.
 * Run it from a test file: `describeIntegratorContract('rk4', () => rk4(), { order: 4, stages: 4 })`.
 */
import type { Integrator, IntegrateOptions, VelocityField } from '../ports/integrator.js';

export interface IntegratorContractOptions {
  /** Order of convergence of a fixed-step method (1 Euler, 2 midpoint/Heun, 4 RK4). */
  order: number;
  /** Adaptive: checks the error against rtol/atol instead of measuring the order against the step count. */
  adaptive?: boolean;
  /** Fixed-step only: evaluations per step; then NFE must be steps × stages when no off-grid snapshot is asked. */
  stages?: number;
  /** Step counts for the order measurement (default: chosen by order, errors kept well above float32 rounding). */
  ladder?: number[];
  /** How far the measured order may fall short of (or exceed by 1.5×) the stated one. Default 0.3. */
  orderSlack?: number;
}

/** A test problem: dx/dt = v(x, t) with its exact solution x(t) from x(0). */
export interface KnownOde {
  name: string;
  field: (x: Float32Array, t: number, out: Float32Array) => void;
  exact: (x0: Float32Array, t: number) => Float64Array;
}

/** dx/dt = −x: x(t) = x0 e^{−t}. */
export const decayOde: KnownOde = {
  name: 'decay dx/dt = -x',
  field: (x, _t, out) => {
    for (let i = 0; i < x.length; i++) out[i] = -x[i];
  },
  exact: (x0, t) => Float64Array.from(x0, (v) => v * Math.exp(-t)),
};

/**
 * A rotation whose speed grows with time, dx/dt = 4πt J x: the angle at t is 2πt², a full turn by t=1. It is
 * non-autonomous (catches wrong stage times) and curved (every method's error is visible).
 */
export const spinUpOde: KnownOde = {
  name: 'spin-up rotation dx/dt = 4πt J x',
  field: (x, t, out) => {
    const w = 4 * Math.PI * t;
    for (let i = 0; i < x.length; i += 2) {
      const a = x[i], b = x[i + 1];
      out[i] = -w * b;
      out[i + 1] = w * a;
    }
  },
  exact: (x0, t) => {
    const th = 2 * Math.PI * t * t, c = Math.cos(th), s = Math.sin(th);
    const out = new Float64Array(x0.length);
    for (let i = 0; i < x0.length; i += 2) {
      out[i] = c * x0[i] - s * x0[i + 1];
      out[i + 1] = s * x0[i] + c * x0[i + 1];
    }
    return out;
  },
};

/** dx/dt = (cos 2πt, 3t²): pure quadrature, x(t) = x0 + (sin(2πt)/(2π), t³). */
export const quadratureOde: KnownOde = {
  name: 'quadrature dx/dt = (cos 2πt, 3t²)',
  field: (x, t, out) => {
    for (let i = 0; i < x.length; i += 2) {
      out[i] = Math.cos(2 * Math.PI * t);
      out[i + 1] = 3 * t * t;
    }
  },
  exact: (x0, t) => {
    const out = Float64Array.from(x0);
    for (let i = 0; i < out.length; i += 2) {
      out[i] += Math.sin(2 * Math.PI * t) / (2 * Math.PI);
      out[i + 1] += t * t * t;
    }
    return out;
  },
};

/** A field for `ode` that counts its calls and, like a backend might, returns one reused buffer. */
export function countingField(ode: KnownOde): { field: VelocityField; calls: () => number } {
  let buf = new Float32Array(0);
  let calls = 0;
  return {
    field: async (x, t) => {
      calls++;
      if (buf.length !== x.length) buf = new Float32Array(x.length);
      ode.field(x, t, buf);
      return buf;
    },
    calls: () => calls,
  };
}

/** Largest absolute difference between a computed state and the exact one. */
export function maxError(x: Float32Array, exact: Float64Array): number {
  let e = 0;
  for (let i = 0; i < x.length; i++) e = Math.max(e, Math.abs(x[i] - exact[i]));
  return e;
}

/** A few starting points, away from the origin (where the rotation would hide errors). */
export const CONTRACT_X0 = Float32Array.from([1, 0, 0, 1.5, -0.8, 0.6, 1.2, -1.1]);

export interface ConvergenceMeasurement {
  steps: number[];
  errors: number[];
  /** Least-squares slope of log(error) against log(step size): the empirical order. */
  order: number;
}

/** Integrates `ode` from 0 to 1 at each step count and fits the empirical order of convergence. */
export async function measureConvergence(integrator: Integrator, ladder: readonly number[], ode: KnownOde = spinUpOde, x0: Float32Array = CONTRACT_X0): Promise<ConvergenceMeasurement> {
  const exact = ode.exact(x0, 1);
  const errors: number[] = [];
  for (const steps of ladder) {
    const res = await integrator.integrate(countingField(ode).field, x0, { steps });
    errors.push(maxError(res.x, exact));
  }
  const xs = ladder.map((n) => Math.log(1 / n)), ys = errors.map((e) => Math.log(e));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length, my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0, den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return { steps: [...ladder], errors, order: num / den };
}

/** Step counts where a method of this order has errors between ~1e-2 and ~1e-5 on the spin-up problem. */
export function defaultLadder(order: number): number[] {
  if (order <= 1) return [200, 400, 800, 1600];
  if (order <= 2) return [25, 50, 100, 200];
  if (order <= 3) return [16, 32, 64, 128];
  return [12, 24, 48, 96];
}

export function describeIntegratorContract(name: string, make: () => Integrator | Promise<Integrator>, opts: IntegratorContractOptions): void {
  const run = async (ode: KnownOde, options: IntegrateOptions, x0: Float32Array = CONTRACT_X0) => {
    const integ = await make();
    const f = countingField(ode);
    const res = await integ.integrate(f.field, x0, options);
    return { res, calls: f.calls() };
  };

  // A step count and an error bound that every method of this order meets on the test problems with room to spare
  // (Euler ≈ 0.02, midpoint/Heun ≈ 3e-3, RK4 ≈ 2e-7, rk45 at its default tolerance ≈ 1e-3).
  const accurateSteps = opts.order <= 1 ? 1000 : 200;
  const accurateBound = opts.adaptive ? 1e-2 : opts.order <= 1 ? 0.05 : opts.order <= 2 ? 1e-2 : 1e-4;

  describe(`Integrator contract: ${name}`, () => {
    it('has a non-empty id', async () => {
      const integ = await make();
      expect(typeof integ.id).toBe('string');
      expect(integ.id.length).toBeGreaterThan(0);
    });

    it.each([decayOde, spinUpOde, quadratureOde])('solves $name from t=0 to t=1 without mutating x0', async (ode) => {
      const x0 = Float32Array.from(CONTRACT_X0);
      const { res } = await run(ode, { steps: accurateSteps }, x0);
      expect(Array.from(x0)).toEqual(Array.from(CONTRACT_X0));
      expect(res.x).toBeInstanceOf(Float32Array);
      expect(res.x.length).toBe(x0.length);
      expect(res.x).not.toBe(x0);
      expect(maxError(res.x, ode.exact(x0, 1))).toBeLessThan(accurateBound);
    });

    it('counts every velocity evaluation (nfe equals the calls the field saw)', async () => {
      for (const steps of [1, 7, 30]) {
        const { res, calls } = await run(spinUpOde, { steps });
        expect(res.nfe).toBe(calls);
        if (!opts.adaptive && opts.stages) expect(res.nfe).toBe(steps * opts.stages);
      }
      // Snapshots between grid points may cost extra work, but it must be counted.
      const { res, calls } = await run(spinUpOde, { steps: 10, saveAt: [0.05, 0.33, 0.5, 1] });
      expect(res.nfe).toBe(calls);
    });

    it('returns snapshots at the asked times, in the asked order, as copies', async () => {
      const saveAt = [1, 0, 0.5, 0.37, 0.2, 0.9999];
      const { res } = await run(spinUpOde, { steps: 100, saveAt });
      expect(res.snapshots.map((s) => s.t)).toEqual(saveAt);
      const final = await run(spinUpOde, { steps: 100 });
      const bound = 10 * maxError(final.res.x, spinUpOde.exact(CONTRACT_X0, 1)) + 1e-5;
      for (const s of res.snapshots) {
        expect(s.x).toBeInstanceOf(Float32Array);
        expect(s.x.length).toBe(CONTRACT_X0.length);
        // An off-grid time gets a true solution there, not the nearest grid state (which would be ~1e-2 off).
        expect(maxError(s.x, spinUpOde.exact(CONTRACT_X0, s.t))).toBeLessThan(bound);
      }
      expect(Array.from(res.snapshots[1].x)).toEqual(Array.from(CONTRACT_X0));
      expect(Array.from(res.snapshots[0].x)).toEqual(Array.from(res.x));
      // Snapshots do not share memory with each other or with the result.
      const buffers = new Set([res.x.buffer, ...res.snapshots.map((s) => s.x.buffer)]);
      expect(buffers.size).toBe(saveAt.length + 1);
      // Asking for snapshots does not change the answer.
      expect(maxError(res.x, Float64Array.from(final.res.x))).toBeLessThan(1e-6);
    });

    if (!opts.adaptive) {
      it('takes grid snapshots from the step grid itself (same as stopping there)', async () => {
        const full = await run(spinUpOde, { steps: 20, saveAt: [0.5] });
        const half = await run(spinUpOde, { steps: 10, t1: 0.5 });
        expect(maxError(full.res.snapshots[0].x, Float64Array.from(half.res.x))).toBeLessThan(1e-6);
      });

      const ladder = opts.ladder ?? defaultLadder(opts.order);
      it(`converges at order ${opts.order} (steps ${ladder.join(', ')})`, async () => {
        const m = await measureConvergence(await make(), ladder);
        const slack = opts.orderSlack ?? 0.3;
        for (let i = 1; i < m.errors.length; i++) expect(m.errors[i]).toBeLessThan(m.errors[i - 1]);
        expect(m.order).toBeGreaterThan(opts.order - slack);
        expect(m.order).toBeLessThan(opts.order * 1.5 + slack);
      });
    } else {
      it('meets its tolerance, and a tighter tolerance costs more evaluations for a smaller error', async () => {
        let prev = { err: Infinity, nfe: 0 };
        for (const tol of [1e-3, 1e-5, 1e-7]) {
          for (const ode of [spinUpOde, decayOde]) {
            const { res } = await run(ode, { steps: 10, rtol: tol, atol: tol });
            const err = maxError(res.x, ode.exact(CONTRACT_X0, 1));
            // The global error stays within a small multiple of the local tolerance on these smooth problems
            // (|x| ≤ 2 here); below ~1e-6 the float32 input of the field is the floor.
            expect(err).toBeLessThan(Math.max(10 * tol, 5e-6));
            if (ode === spinUpOde) {
              expect(err).toBeLessThan(Math.max(prev.err, 2e-6));
              expect(res.nfe).toBeGreaterThan(prev.nfe);
              prev = { err, nfe: res.nfe };
            }
          }
        }
      });

      it('does not need more steps than a smooth problem deserves (the step size grows)', async () => {
        const { res } = await run(decayOde, { steps: 1000, rtol: 1e-3, atol: 1e-6 });
        expect(res.nfe).toBeLessThan(200);
      });
    }

    it('integrates backwards from t0=1 to t1=0, undoing the forward run', async () => {
      const fwd = await run(spinUpOde, { steps: accurateSteps });
      const back = await run(spinUpOde, { steps: accurateSteps, t0: 1, t1: 0, saveAt: [0.5] }, fwd.res.x);
      expect(maxError(back.res.x, Float64Array.from(CONTRACT_X0))).toBeLessThan(2 * accurateBound);
      expect(back.res.snapshots[0].t).toBe(0.5);
    });

    it('is deterministic', async () => {
      const a = await run(spinUpOde, { steps: 13, saveAt: [0.3] });
      const b = await run(spinUpOde, { steps: 13, saveAt: [0.3] });
      expect(Array.from(a.res.x)).toEqual(Array.from(b.res.x));
      expect(Array.from(a.res.snapshots[0].x)).toEqual(Array.from(b.res.snapshots[0].x));
    });

    it('rejects a step count below 1 with a USAGE error, and save times outside the span', async () => {
      await expect(run(decayOde, { steps: 0 })).rejects.toMatchObject({ code: 'USAGE' });
      await expect(run(decayOde, { steps: 10, saveAt: [1.5] })).rejects.toMatchObject({ code: 'USAGE' });
    });
  });
}
