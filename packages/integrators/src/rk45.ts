import { z } from 'zod';
import { definePlugin, FvError, type IntegrateOptions, type IntegrateResult, type Integrator, type VelocityField } from '@flow-visualizer/core';
import { checkOptions, evaluate } from './save-plan.js';

// Dormand–Prince 5(4) (Hairer, Nørsett & Wanner, DOPRI5): 7 stages, the 7th at the new state (FSAL).
const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1];
const A = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
// 5th-order weights minus 4th-order ones: the local error estimate is h Σ E_i k_i.
const E = [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40];
// Dense output (Hairer's CONTD5): a 4th-order interpolant over each accepted step, so that snapshot times cost
// no extra evaluations and do not shorten the steps.
const D = [-12715105075 / 11282082432, 0, 87487479700 / 32700410799, -10690763975 / 1880347072, 701980252875 / 199316789632, -1453857185 / 822651844, 69997945 / 29380423];

// Step-size control: Hairer's PI controller (β = 0.04), safety 0.9, steps shrink at most 5× and grow at most 10×.
const BETA = 0.04;
const EXPO = 1 / 5 - 0.75 * BETA;
const SAFETY = 0.9;
const FAC_MIN = 0.2;
const FAC_MAX = 10;

export interface Rk45Options {
  /** Relative tolerance of the local error, per coordinate. */
  rtol?: number;
  /** Absolute tolerance of the local error, per coordinate (data units). */
  atol?: number;
  /** Gives up (an error) after this many attempted steps. */
  max_steps?: number;
}

// Data live in [-2, 2]²: 1e-3 relative and 1e-4 absolute are far below a pixel of any plot. Tighter defaults
// (1e-4, 1e-6) cost 4–5× the evaluations on a trained model for no change in the sample-quality figures.
export const RK45_DEFAULTS = { rtol: 1e-3, atol: 1e-4, max_steps: 10000 } as const;

export interface Rk45Stats {
  accepted: number;
  rejected: number;
}

/**
 * Adaptive Dormand–Prince 5(4) with PI step-size control and dense output. The first step is
 * (t1 − t0) / steps; after that the error estimate decides. `rtol`/`atol` in the integrate options override
 * the plugin's. NFE = 1 + 6 × attempted steps. `lastStats` tells how many steps were accepted and rejected.
 */
export function rk45(defaults: Rk45Options = {}): Integrator & { lastStats: Rk45Stats } {
  const self = {
    id: 'rk45',
    lastStats: { accepted: 0, rejected: 0 },
    async integrate(field: VelocityField, x0: Float32Array, options: IntegrateOptions): Promise<IntegrateResult> {
      const { t0, t1, steps } = checkOptions(x0, options, 'rk45');
      const rtol = options.rtol ?? defaults.rtol ?? RK45_DEFAULTS.rtol;
      const atol = options.atol ?? defaults.atol ?? RK45_DEFAULTS.atol;
      const maxSteps = defaults.max_steps ?? RK45_DEFAULTS.max_steps;
      if (!(rtol >= 0) || !(atol >= 0) || rtol + atol === 0) {
        throw new FvError('USAGE', `rk45: rtol and atol must be non-negative and not both 0, got rtol=${rtol}, atol=${atol}.`);
      }
      const dir = Math.sign(t1 - t0);
      const lo = Math.min(t0, t1), hi = Math.max(t0, t1);
      const tolT = (hi - lo) * 1e-9;
      const saveAt = options.saveAt ?? [];
      for (const t of saveAt) {
        if (!Number.isFinite(t) || t < lo - tolT || t > hi + tolT) {
          throw new FvError('USAGE', `rk45: save time ${t} lies outside [${lo}, ${hi}].`, { hint: 'Ask for snapshot times within the integration span.' });
        }
      }
      // Save times in the order they are reached; each dense-output window serves those inside it.
      const order = saveAt.map((_, i) => i).sort((i, j) => dir * (saveAt[i] - saveAt[j]));
      let next = 0;
      const snapshots: IntegrateResult['snapshots'] = new Array(saveAt.length);

      const m = x0.length;
      let y = Float64Array.from(x0);
      let yNew = new Float64Array(m);
      const xin = new Float32Array(m);
      let k = Array.from({ length: 7 }, () => new Float64Array(m));
      const err = new Float64Array(m);
      let nfe = 0;
      let accepted = 0, rejected = 0;

      const toX = (src: Float64Array) => {
        for (let j = 0; j < m; j++) xin[j] = src[j];
        return xin;
      };
      let t = t0;
      // Save times equal to t0 are the initial state.
      while (next < order.length && dir * (saveAt[order[next]] - t0) <= tolT) {
        snapshots[order[next]] = { t: saveAt[order[next]], x: Float32Array.from(x0) };
        next++;
      }
      k[0].set(await evaluate(field, toX(y), t, 'rk45'));
      nfe++;
      let h = (t1 - t0) / steps;
      let facOld = 1e-4;
      let lastRejected = false;

      while (dir * (t1 - t) > tolT) {
        if (accepted + rejected >= maxSteps) {
          throw new FvError('USAGE', `rk45 gave up after ${maxSteps} steps at t=${t.toPrecision(6)} (rtol=${rtol}, atol=${atol}).`, {
            hint: 'Loosen visualization.integrator_options.rtol/atol, or raise max_steps.',
          });
        }
        if (Math.abs(h) < 1e-12 * Math.max(1, Math.abs(t))) {
          throw new FvError('USAGE', `rk45: the step size underflowed at t=${t.toPrecision(6)}; the field is too stiff or not smooth for rtol=${rtol}, atol=${atol}.`, {
            hint: 'Loosen visualization.integrator_options.rtol/atol, or use a fixed-step integrator.',
          });
        }
        // Land exactly on t1 (and avoid a sliver of a last step).
        if (dir * (t + h - t1) > 0 || dir * (t + 1.01 * h - t1) > 0) h = t1 - t;

        for (let i = 1; i < 7; i++) {
          const ai = A[i];
          const dst = i === 6 ? yNew : err; // err doubles as scratch for the intermediate stage states
          for (let j = 0; j < m; j++) {
            let acc = 0;
            for (let l = 0; l < i; l++) if (ai[l] !== 0) acc += ai[l] * k[l][j];
            dst[j] = y[j] + h * acc;
          }
          k[i].set(await evaluate(field, toX(dst), t + C[i] * h, 'rk45'));
          nfe++;
        }
        // RMS of the scaled local error.
        let sum = 0;
        for (let j = 0; j < m; j++) {
          let e = 0;
          for (let i = 0; i < 7; i++) if (E[i] !== 0) e += E[i] * k[i][j];
          const sc = atol + rtol * Math.max(Math.abs(y[j]), Math.abs(yNew[j]));
          const r = (h * e) / sc;
          sum += r * r;
        }
        const errNorm = Math.sqrt(sum / Math.max(1, m));
        if (!Number.isFinite(errNorm)) {
          throw new FvError('MODEL_INVALID', `rk45: the velocity field returned non-finite values near t=${t.toPrecision(6)}.`, {
            hint: 'The model has diverged; retrain it (a lower training.learning_rate may help).',
          });
        }
        const fac11 = Math.pow(Math.max(errNorm, 1e-300), EXPO);
        if (errNorm <= 1) {
          accepted++;
          const tNew = t + h;
          // Dense output for the save times inside (t, tNew].
          while (next < order.length && dir * (saveAt[order[next]] - tNew) <= tolT) {
            const ts = saveAt[order[next]];
            const th = Math.min(1, Math.max(0, (ts - t) / h));
            const th1 = 1 - th;
            const x = new Float32Array(m);
            for (let j = 0; j < m; j++) {
              const ydiff = yNew[j] - y[j];
              const bspl = h * k[0][j] - ydiff;
              const r3 = ydiff - h * k[6][j] - bspl;
              let d = 0;
              for (let i = 0; i < 7; i++) if (D[i] !== 0) d += D[i] * k[i][j];
              x[j] = y[j] + th * (ydiff + th1 * (bspl + th * (r3 + th1 * h * d)));
            }
            snapshots[order[next]] = { t: ts, x };
            next++;
          }
          let fac = fac11 / Math.pow(facOld, BETA) / SAFETY;
          fac = Math.max(1 / FAC_MAX, Math.min(1 / FAC_MIN, fac));
          let hNew = h / fac;
          if (lastRejected) hNew = dir * Math.min(Math.abs(hNew), Math.abs(h));
          facOld = Math.max(errNorm, 1e-4);
          lastRejected = false;
          // FSAL: the last stage was evaluated at the new state; it is the next step's first.
          [y, yNew] = [yNew, y];
          const k0 = k[0];
          k[0] = k[6];
          k[6] = k0;
          t = Math.abs(t1 - tNew) <= tolT ? t1 : tNew;
          h = hNew;
        } else {
          rejected++;
          lastRejected = true;
          h = h / Math.min(1 / FAC_MIN, fac11 / SAFETY);
        }
      }
      // Any save time left (rounding at t1) is the final state.
      while (next < order.length) {
        snapshots[order[next]] = { t: saveAt[order[next]], x: Float32Array.from(y) };
        next++;
      }
      self.lastStats = { accepted, rejected };
      return { x: Float32Array.from(y), nfe, snapshots };
    },
  };
  return self;
}

export const Rk45OptionsSchema = z
  .strictObject({
    rtol: z.number().nonnegative().max(1).default(RK45_DEFAULTS.rtol).describe('Relative tolerance of the local error per step.'),
    atol: z.number().nonnegative().default(RK45_DEFAULTS.atol).describe('Absolute tolerance of the local error per step, in data units.'),
    max_steps: z.number().int().positive().default(RK45_DEFAULTS.max_steps).describe('Attempted steps after which rk45 gives up with an error.'),
  })
  .describe('Options of the adaptive Dormand–Prince 5(4) solver.');

export const rk45Plugin = () =>
  definePlugin({
    name: 'fv:integrator-rk45',
    kind: 'integrator',
    id: 'rk45',
    description: 'Adaptive Dormand–Prince 5(4) with step-size control (rtol, atol) and dense output; n_sampling_steps sets the first step.',
    optionsSchema: Rk45OptionsSchema,
    // Dormand–Prince: 7 stages, the last reused as the next step's first (FSAL): 6 new evaluations per step tried.
    capabilities: { adaptive: true, evaluationsPerStep: 6 },
    create: (options) => rk45(options),
  });
