/**
 * FlowResults of conditional runs for tests and previews, before the conditional model exists: labelled data
 * (two moons, or eight Gaussians by mode), and per class the exact marginal velocity of the linear path from
 * N(0, I) to that class's points (flow-fixture.ts's marginalField), so the frames are a real class-conditional
 * flow. The guidance figure integrates the same noise with v_uncond + w (v_cond − v_uncond), v_uncond the field
 * towards all classes: w > 1 really overshoots. A continuous variant takes the target's x as the condition.
 */
import { createRng, perClassMetrics, type ConditionFigures, type FlowResult, type GuidanceFigure, type Snapshot } from '@flow-visualizer/core';
import { plotBounds } from '@flow-visualizer/core/node';
import { flowFixture, marginalField } from './flow-fixture.js';

export interface Labelled {
  points: Float32Array;
  labels: Float32Array;
  names: string[];
}

/** Two moons (class 0 upper, 1 lower), n points, in random order. */
export function labelledMoons(n: number, seed = 1): Labelled {
  const rng = createRng(seed, 'moons');
  const points = new Float32Array(2 * n), labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const k = rng.next() < 0.5 ? 0 : 1, a = Math.PI * rng.next();
    const x = k === 0 ? Math.cos(a) : 1 - Math.cos(a), y = k === 0 ? Math.sin(a) : 0.5 - Math.sin(a);
    points[2 * i] = 1.6 * (x - 0.5) + 0.06 * rng.normal();
    points[2 * i + 1] = 1.6 * (y - 0.25) + 0.06 * rng.normal();
    labels[i] = k;
  }
  return { points, labels, names: ['upper moon', 'lower moon'] };
}

/** Eight Gaussians on a circle of radius 2, labelled by mode (0 at angle 0, counter-clockwise). */
export function labelledGaussians(n: number, seed = 1): Labelled {
  const rng = createRng(seed, 'gaussians');
  const points = new Float32Array(2 * n), labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(8 * rng.next()), a = (k * Math.PI) / 4;
    points[2 * i] = 2 * Math.cos(a) + 0.12 * rng.normal();
    points[2 * i + 1] = 2 * Math.sin(a) + 0.12 * rng.normal();
    labels[i] = k;
  }
  return { points, labels, names: Array.from({ length: 8 }, (_, k) => `mode ${k}`) };
}

export interface ConditionalFixtureOptions {
  data?: 'moons' | 'gaussians8';
  kind?: 'class' | 'continuous';
  n?: number;
  frames?: number;
  weights?: number[];
  /** The guidance the main samples are drawn at. */
  guidance?: number;
  visualization?: Record<string, unknown>;
  seed?: number;
}

/** A conditional run's FlowResult, every figure filled (conditions, guidance, per-class metrics). */
export function conditionalFixture(o: ConditionalFixtureOptions = {}): FlowResult {
  const n = o.n ?? 1200, nFrames = o.frames ?? 41, seed = o.seed ?? 3, w = o.guidance ?? 1;
  const data = (o.data ?? 'moons') === 'moons' ? labelledMoons(6000, seed) : labelledGaussians(6000, seed);
  const K = data.names.length;
  const nShow = 2000;
  const target = data.points.slice(0, 2 * nShow), targetLabels = data.labels.slice(0, nShow);
  const heldOut = data.points.slice(2 * nShow, 4 * nShow), heldOutLabels = data.labels.slice(nShow, 2 * nShow);
  // Each field from 300 centres of its own class (or of all): smooth and quick.
  const centresOf = (k: number) => {
    const c: number[] = [];
    for (let i = 2 * nShow; i < data.labels.length && c.length < 600; i++) if (k < 0 || data.labels[i] === k) c.push(data.points[2 * i], data.points[2 * i + 1]);
    return Float32Array.from(c);
  };
  const uncond = marginalField(centresOf(-1));
  const cond = Array.from({ length: K }, (_, k) => marginalField(centresOf(k)));
  const asked = Float32Array.from({ length: n }, (_, i) => i % K);
  const noise = createRng(seed, 'noise').fillNormal(new Float32Array(2 * n));

  /** Euler from t = 0 to 1 at guidance w: every frame (nFrames of them). */
  const integrate = (weight: number): Snapshot[] => {
    const x = Float32Array.from(noise);
    const frames: Snapshot[] = [{ t: 0, x: Float32Array.from(x) }];
    const dt = 1 / (nFrames - 1);
    for (let s = 0; s < nFrames - 1; s++) {
      const t = s * dt, vu = uncond(x, t);
      for (let k = 0; k < K; k++) {
        const idx: number[] = [];
        for (let i = 0; i < n; i++) if (asked[i] === k) idx.push(i);
        const sub = new Float32Array(2 * idx.length);
        idx.forEach((i, j) => sub.set([x[2 * i], x[2 * i + 1]], 2 * j));
        const vc = cond[k](sub, t);
        idx.forEach((i, j) => {
          for (const d of [0, 1]) x[2 * i + d] += dt * (vu[2 * i + d] + weight * (vc[2 * j + d] - vu[2 * i + d]));
        });
      }
      frames.push({ t: (s + 1) * dt, x: Float32Array.from(x) });
    }
    return frames;
  };

  const frames = integrate(w);
  const base = flowFixture({ n, target, frames: 3, visualization: o.visualization, seed, dataName: o.data ?? 'moons' });
  const near = (t: number) => frames.reduce((a, f) => (Math.abs(f.t - t) < Math.abs(a.t - t) ? f : a));
  const trajectory = base.trajectory.map((s) => ({ t: s.t, x: near(s.t).x }));
  const generated = frames[frames.length - 1].x;
  const weights = o.weights ?? [0, 1, 2, 4];
  const guidance: GuidanceFigure = { weights, samples: weights.map((v) => integrate(v).at(-1)!.x), conditions: asked };
  const bounds = plotBounds(target, [...trajectory, ...guidance.samples.map((x) => ({ t: 1, x }))]);

  let conditions: ConditionFigures;
  if ((o.kind ?? 'class') === 'class') {
    conditions = { kind: 'class', names: data.names, label: 'class', target: targetLabels, generated: asked, guidance: w };
  } else {
    // Continuous: the target's own x; each generated point "asked for" where it ended (a model that obeys).
    conditions = { kind: 'continuous', label: 'target x', target: target.filter((_, i) => i % 2 === 0), generated: generated.filter((_, i) => i % 2 === 0), guidance: w };
    // The guidance panels asked for the x each noise point reaches at w = 1.
    guidance.conditions = guidance.samples[Math.max(0, weights.indexOf(1))].filter((_, i) => i % 2 === 0);
  }
  const metrics = { ...base.metrics, n_generated: n };
  if (conditions.kind === 'class') {
    const m = perClassMetrics({ generated, generatedClasses: asked, target: heldOut, targetClasses: heldOutLabels, names: data.names });
    metrics.per_class = m.per_class;
    metrics.nearest_class_share = m.nearest_class_share;
  }
  // The evolution record with the asked classes of its points (the first ones of the same noise).
  const evolution = [0.25, 0.5, 0.75, 1].map((share, k) => {
    const m = Math.min(n, 800), ex = new Float32Array(2 * m);
    for (let i = 0; i < ex.length; i++) ex[i] = share * generated[i] + (1 - share) * noise[i];
    return { epoch: 50 * (k + 1), x: ex, sliced_w1: 0.3 / (k + 1), conditions: conditions.generated.slice(0, m) };
  });
  return { ...base, target, generated, frames, trajectory, bounds, metrics, evolution, conditions, guidance, fields: base.fields.map((f) => ({ ...f })), velocity: base.velocity };
}


