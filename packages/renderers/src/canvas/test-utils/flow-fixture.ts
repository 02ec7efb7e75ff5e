/**
 * A realistic FlowResult for tests and previews, without a model: the target is a noisy two-arm spiral (or any
 * points given), and the "learned" field is the exact marginal velocity of the linear path from N(0, I) to those
 * points, so the frames are a real flow integrated with Euler steps (points curve, they do not cross).
 */
import { ConfigSchema, createRng, deepFreeze, gridPoints, renderContextOf, randomSubset, slicedWasserstein, type FieldSnapshot, type FlowResult, type FvConfig, type RunMetrics, type Snapshot } from '@flow-visualizer/core';
import { plotBounds } from '@flow-visualizer/core/node';

// Module-scope aliases: hot loops run several times slower in a VM context (Jest) when they read `Math` globally.
const { cos, exp, min, sin, sqrt } = Math;

export interface FixtureOptions {
  /** Generated points. Default 2000. */
  n?: number;
  /** Target points to show. Default 2000. */
  nTarget?: number;
  /** Number of frames t = 0..1 (61 as the pipeline makes). */
  frames?: number;
  epochs?: number;
  /** Target points instead of the spiral. */
  target?: Float32Array;
  dataName?: string;
  visualization?: Record<string, unknown>;
  seed?: number;
  /** Leave out `velocity` (a result loaded without the model). */
  noVelocity?: boolean;
}

export function spiral(n: number, seed = 1): Float32Array {
  // Noise 0.03 here; the fixture's field adds σ = 0.1 around each centre.
  const rng = createRng(seed, 'spiral');
  const p = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const arm = i % 2, s = sqrt(rng.next());
    const a = 0.6 + s * 3.2 * Math.PI + arm * Math.PI, r = 0.25 + 1.6 * s;
    p[2 * i] = r * cos(a) + 0.03 * rng.normal();
    p[2 * i + 1] = r * sin(a) + 0.03 * rng.normal();
  }
  return p;
}

/**
 * v(x, t) of the linear path x_t = (1 − t) x0 + t x1 from N(0, I) to a mixture of N(c_j, σ²I): per centre,
 * x_t ~ N(t c, s²) with s² = (1 − t)² + t²σ², and E[x1 − x0 | x_t, c] = c + (tσ² − (1 − t)) (x − t c) / s²; the
 * posterior over centres weighs them. Smooth everywhere, t = 1 included.
 */
export function marginalField(centres: Float32Array, sigma = 0.1) {
  const m = centres.length >> 1;
  const w = new Float64Array(m);
  return (x: Float32Array, t: number): Float32Array => {
    const s2 = (1 - t) ** 2 + t * t * sigma * sigma, inv = 1 / (2 * s2), k = (t * sigma * sigma - (1 - t)) / s2;
    const out = new Float32Array(x.length);
    for (let i = 0; i + 1 < x.length; i += 2) {
      let best = Infinity;
      for (let j = 0; j < m; j++) {
        const dx = x[i] - t * centres[2 * j], dy = x[i + 1] - t * centres[2 * j + 1];
        w[j] = (dx * dx + dy * dy) * inv;
        if (w[j] < best) best = w[j];
      }
      let sw = 0, vx = 0, vy = 0;
      for (let j = 0; j < m; j++) {
        const e = exp(best - w[j]);
        if (e < 1e-9) continue;
        const cx = centres[2 * j], cy = centres[2 * j + 1];
        sw += e;
        vx += e * (cx + k * (x[i] - t * cx));
        vy += e * (cy + k * (x[i + 1] - t * cy));
      }
      out[i] = vx / sw;
      out[i + 1] = vy / sw;
    }
    return out;
  };
}

export function flowFixture(o: FixtureOptions = {}): FlowResult {
  const n = o.n ?? 2000, nFrames = o.frames ?? 61, epochs = o.epochs ?? 300, seed = o.seed ?? 3;
  const { extends: _e, ...parsed } = ConfigSchema.parse({ data: { name: o.dataName ?? 'spiral' }, visualization: o.visualization ?? {} });
  const config = deepFreeze(parsed) as FvConfig;
  const v = config.visualization;
  const all = o.target ?? spiral(Math.max(4000, o.nTarget ?? 2000), seed);
  const target = randomSubset(all, o.nTarget ?? 2000, createRng(seed, 'shown'));
  const centres = randomSubset(all, 400, createRng(seed, 'centres'));
  const field = marginalField(centres);

  // Euler from t=0 to 1 with (frames − 1) steps: one frame per step.
  const x = createRng(seed, 'noise').fillNormal(new Float32Array(2 * n));
  const frames: Snapshot[] = [{ t: 0, x: Float32Array.from(x) }];
  const dt = 1 / (nFrames - 1);
  for (let k = 0; k < nFrames - 1; k++) {
    const u = field(x, k * dt);
    for (let i = 0; i < x.length; i++) x[i] += dt * u[i];
    frames.push({ t: (k + 1) * dt, x: Float32Array.from(x) });
  }
  const near = (t: number) => frames.reduce((a, f) => (Math.abs(f.t - t) < Math.abs(a.t - t) ? f : a));
  const trajectory = v.trajectory_times.map((t) => ({ t, x: near(t).x }));
  const bounds = plotBounds(target, trajectory);
  const grid = gridPoints(bounds, v.grid_size);
  const fields: FieldSnapshot[] = v.field_times.map((t) => ({ t, grid, velocity: field(grid, t) }));
  const rng = createRng(seed, 'loss');
  const lossHistory = Array.from({ length: epochs }, (_, i) => (1.1 * exp(-i / 25) + 0.9 + 0.25 * exp(-i / 150)) * (1 + 0.04 * rng.normal()));
  const generated = frames[frames.length - 1].x;
  const metrics: RunMetrics = {
    backend: 'fixture',
    n_epochs: epochs,
    loss_history: lossHistory,
    final_loss: lossHistory.at(-1) ?? null,
    train_seconds: 12.3,
    seconds_per_epoch: 12.3 / epochs,
    sample_seconds: 0.2,
    integrator: 'euler',
    n_sampling_steps: nFrames - 1,
    nfe: nFrames - 1,
    n_generated: n,
    sliced_w1: slicedWasserstein(generated, randomSubset(all, n, createRng(seed, 'w1a'))),
    sliced_w1_floor: slicedWasserstein(randomSubset(all, n, createRng(seed, 'w1b')), randomSubset(all, n, createRng(seed, 'w1a'))),
  };
  metrics.loss_fresh = 0.93;
  metrics.energy_distance = 0.004;
  metrics.energy_distance_floor = 0.001;
  metrics.straightness = 1.2;
  // Training as it happened: the generated points blurred back towards the noise, less at each snapshot.
  const evolution = [1, 2, 3, 4, 5, 6].map((k) => {
    const share = k / 6, ex = new Float32Array(2 * Math.min(n, 800));
    for (let i = 0; i < ex.length; i++) ex[i] = share * generated[i] + (1 - share) * frames[0].x[i];
    return { epoch: Math.round((k * epochs) / 6), x: ex, sliced_w1: 0.05 + 0.3 * (1 - share) };
  });
  return {
    context: renderContextOf(config), target, generated, trajectory, frames, fields, lossHistory, metrics, bounds, evolution,
    ...(o.noVelocity ? {} : { velocity: async (p: Float32Array, t: number) => field(p, t) }),
  };
}
