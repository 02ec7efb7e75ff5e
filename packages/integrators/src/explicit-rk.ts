import type { IntegrateOptions, IntegrateResult, Integrator, VelocityField } from '@flow-visualizer/core';
import { checkOptions, evaluate, planSaves, toFloat32, type PlannedSave } from './save-plan.js';

/**
 * An explicit Runge–Kutta method as its Butcher tableau: stage i evaluates v at t + c[i] h and at
 * x + h Σ_j a[i][j] k_j; the step is x + h Σ_i b[i] k_i. c[0] must be 0 (the first stage is v(x_k, t_k)),
 * which lets an off-grid snapshot reuse it.
 */
export interface ButcherTableau {
  a: readonly (readonly number[])[];
  b: readonly number[];
  c: readonly number[];
}

/**
 * Fixed-step explicit RK integrator from a tableau. The state is carried in float64 (the field sees float32,
 * as the model computes in float32), so that rounding does not hide the method's order in the tests.
 * NFE = steps × stages, plus (stages − 1) per snapshot time that falls between grid points.
 */
export function explicitRk(id: string, tab: ButcherTableau): Integrator {
  const s = tab.b.length;
  if (tab.c[0] !== 0 || tab.a.length !== s || tab.c.length !== s) throw new Error(`explicitRk(${id}): malformed tableau`);
  return {
    id,
    async integrate(field: VelocityField, x0: Float32Array, options: IntegrateOptions): Promise<IntegrateResult> {
      const span = checkOptions(x0, options, id);
      const { t0, t1, steps } = span;
      const plan = planSaves(options.saveAt, span, id);
      const byStep = new Map<number, PlannedSave[]>();
      for (const p of plan) {
        const list = byStep.get(p.k);
        if (list) list.push(p);
        else byStep.set(p.k, [p]);
      }
      const snapshots: IntegrateResult['snapshots'] = new Array(plan.length);

      const m = x0.length;
      const y = Float64Array.from(x0); // never touches x0
      const xin = new Float32Array(m); // what the field sees at each stage
      const k = Array.from({ length: s }, () => new Float64Array(m));
      let nfe = 0;

      // Stage i ≥ 1 of a step of size h from (y, t), with k[0] already holding v(y, t).
      const stages = async (t: number, h: number) => {
        for (let i = 1; i < s; i++) {
          const ai = tab.a[i];
          for (let j = 0; j < m; j++) {
            let acc = 0;
            for (let l = 0; l < i; l++) if (ai[l] !== 0) acc += ai[l] * k[l][j];
            xin[j] = y[j] + h * acc;
          }
          k[i].set(await evaluate(field, xin, t + tab.c[i] * h, id));
          nfe++;
        }
      };
      // y + h Σ b_i k_i, written into `out`.
      const combine = (h: number, out: Float64Array | Float32Array) => {
        for (let j = 0; j < m; j++) {
          let acc = 0;
          for (let i = 0; i < s; i++) if (tab.b[i] !== 0) acc += tab.b[i] * k[i][j];
          out[j] = y[j] + h * acc;
        }
      };

      for (let step = 0; ; step++) {
        const t = t0 + ((t1 - t0) * step) / steps;
        const saves = byStep.get(step);
        if (saves) for (const p of saves) if (p.onGrid) snapshots[p.index] = { t: p.t, x: toFloat32(y) };
        if (step === steps) break;

        for (let j = 0; j < m; j++) xin[j] = y[j];
        k[0].set(await evaluate(field, xin, t, id));
        nfe++;
        if (saves) {
          for (const p of saves) {
            if (p.onGrid) continue;
            // A partial step of the same method from the grid state to the save time; the grid is untouched.
            const hp = p.t - t;
            await stages(t, hp);
            const x = new Float32Array(m);
            combine(hp, x);
            snapshots[p.index] = { t: p.t, x };
          }
        }
        const h = t0 + ((t1 - t0) * (step + 1)) / steps - t;
        await stages(t, h);
        combine(h, y);
      }
      return { x: toFloat32(y), nfe, snapshots };
    },
  };
}
