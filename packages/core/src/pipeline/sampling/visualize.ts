import { readFileSync } from 'node:fs';
import type { FvConfig } from '../../config/schema.js';
import type { Integrator } from '../../ports/integrator.js';
import type { Renderer } from '../../ports/renderer.js';
import type { VelocityModel } from '../../ports/velocity-model.js';
import { createRng } from '../../rng.js';
import { boundsOf, randomSubset, squareBounds, pointCount, type Bounds } from '../../points.js';
import { flattenQuality, qualityMetrics } from '../../metrics/quality.js';
import { slicedWasserstein } from '../../metrics/sliced-wasserstein.js';
import { stableQuality } from '../../metrics/stable-quality.js';
import type { PointSource } from './source.js';
import type { AssignmentSolver } from '../../ports/assignment.js';
import { transportMetrics } from './transport-metrics.js';
import { straightnessStats } from './straightness.js';
import type { Dataset } from '../../ports/dataset.js';
import { jsonMetricsWriter, type MetricsWriter } from '../persistence/run-services.js';
import { FvError } from '../../errors.js';
import { writePointsCsv } from '../../io/csv.js';
import { outputLayout } from '../persistence/layout.js';
import { heldOutDraws } from './held-out.js';
import { fieldOf, generate, gridPoints } from './sample.js';
import type { FieldSnapshot, FlowResult, RunMetrics, Snapshot } from './result.js';
import type { Pairing, ProbabilityPath } from '../../ports/probability-path.js';
import { freshLoss, FRESH_LOSS_PAIRS } from '../training/loss-floor.js';
import { lossByTime } from '../training/loss-by-time.js';
import { timeSamplerOf } from '../training/time-sampling.js';
import { renderContextOf } from './render-context.js';
import { readEvolution, writeEvolution, type EvolutionSnapshot } from '../persistence/evolution-file.js';
import { runLikelihood } from '../../likelihood/run-likelihood.js';
import { conditionalSampling, type ConditionalSampling } from '../conditions/conditional-visualize.js';
import { checkSamplingKeys } from '../conditions/sampling-conditions.js';

export interface VisualizeInput {
  config: FvConfig;
  model: VelocityModel;
  /** All training points. */
  target: Float32Array;
  lossHistory: readonly number[];
  trainSeconds?: number | null;
  /** With a dataset, quality is measured against fresh held-out draws of it; without, against training points. */
  plugins: { integrator: Integrator; renderers: readonly Renderer[]; dataset?: Dataset; path?: ProbabilityPath; pairing?: Pairing; likelihoodIntegrator?: Integrator; source?: PointSource; assignment?: AssignmentSolver };
  /**
   * The fixed couples a reflow run trained on (x0[i] → x1[i]), when this process trained it: the loss figures are
   * then measured on them. Without them a reflow run (`reflow.base` set) draws no loss-on-pairs figure.
   */
  couples?: { x0: Float32Array; x1: Float32Array };
  /** Samples recorded while training (train's `evolution`); kept in samples/evolution.json for later visualize runs. */
  evolution?: readonly EvolutionSnapshot[];
  /** Called before each renderer starts, for progress lines. */
  onRender?: (rendererId: string, index: number, count: number) => void;
  /** Called as a renderer starts each of its parts (plots), when it reports them. */
  onRenderPart?: (rendererId: string, part: string, index: number, count: number) => void;
  log?: (message: string) => void;
  /** Writes metrics.json; default: pretty JSON, atomically. */
  writeMetrics?: MetricsWriter;
  /** Extra figures for metrics.json (e.g. checkpoint info). */
  extraMetrics?: Record<string, unknown>;
  /**
   * A redrawing of a saved run: metrics.json is kept when it already records samples made the same way (same
   * integrator, steps, counts and model backend), so that drawing one more picture does not rewrite the record.
   */
  keepRecord?: boolean;
}

const SAMPLING_KEYS = ['backend', 'integrator', 'n_sampling_steps', 'n_generated', 'n_epochs', 'final_loss'] as const;

/** Whether metrics.json already records samples made as `metrics` were (then a redrawing keeps it). */
function recordsSameSampling(file: string, metrics: Record<string, unknown>, extraKeys: readonly string[]): boolean {
  let saved: Record<string, unknown> | null;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  if (!saved || typeof saved !== 'object') return false;
  return [...SAMPLING_KEYS, ...extraKeys].every((k) => JSON.stringify(saved![k]) === JSON.stringify(metrics[k]));
}

export interface VisualizeOutput {
  result: FlowResult;
  /** Every file written (samples, metrics, pictures). */
  files: string[];
  /** Seconds per renderer. */
  renderSeconds: Record<string, number>;
}

/** Evenly spaced frame times 0..1 (for animations), merged with the snapshot times asked for. */
export const FRAME_COUNT = 61;

function unionTimes(...lists: readonly (readonly number[])[]): number[] {
  const set = new Set<number>();
  for (const l of lists) for (const t of l) set.add(Math.round(t * 1e9) / 1e9);
  return [...set].sort((a, b) => a - b);
}

/**
 * A box that holds the target and, for every snapshot, all but its outermost 0.5% of points on each side (so the
 * noise at t=0 is shown whole, but a few stray points do not shrink the picture), squared and padded.
 */
export function plotBounds(target: Float32Array, snapshots: readonly Snapshot[]): Bounds {
  const b = boundsOf(target);
  const quantile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(p * (sorted.length - 1))))];
  for (const s of snapshots) {
    const n = pointCount(s.x);
    if (n === 0) continue;
    for (const axis of [0, 1]) {
      const v = new Float64Array(n);
      let m = 0;
      for (let i = 0; i < n; i++) {
        const c = s.x[2 * i + axis];
        if (Number.isFinite(c)) v[m++] = c;
      }
      if (m === 0) continue;
      const sorted = v.subarray(0, m).sort();
      const lo = quantile(sorted, 0.005), hi = quantile(sorted, 0.995);
      if (axis === 0) { b.xmin = Math.min(b.xmin, lo); b.xmax = Math.max(b.xmax, hi); }
      else { b.ymin = Math.min(b.ymin, lo); b.ymax = Math.max(b.ymax, hi); }
    }
  }
  return squareBounds(b, 0.06);
}

/**
 * Samples the trained model, computes the plotted fields and the metrics, writes samples/*.csv and metrics.json,
 * and runs every renderer into <output.dir>/visualizations.
 */
export async function visualize(input: VisualizeInput): Promise<VisualizeOutput> {
  const { config, model, target } = input;
  const v = config.visualization;
  const log = input.log ?? (() => undefined);
  const layout = outputLayout(config.output.dir);
  const rng = createRng(config.training.seed, 'visualize');
  // A conditional model (it records what it is conditioned on) samples with conditions, each point its own.
  const condition = model.spec?.condition;
  checkSamplingKeys(config, condition);
  const conditional: ConditionalSampling | undefined = condition ? await conditionalSampling(input, condition, rng) : undefined;

  const frameTimes = Array.from({ length: FRAME_COUNT }, (_, i) => i / (FRAME_COUNT - 1));
  const saveAt = unionTimes(v.trajectory_times, frameTimes);
  // One integration gives the plotted points (the first n_generated) and the points of the quality figures.
  const nAll = Math.max(v.n_generated, v.n_metric_samples);
  const all = await generate(model, input.plugins.integrator, {
    n: nAll,
    steps: v.n_sampling_steps,
    rng: rng.fork('noise'),
    source: input.plugins.source,
    saveAt,
    integratorOptions: v.integrator_options as { rtol?: number; atol?: number },
    ...(conditional ? { field: conditional.field } : {}),
  });
  assertFiniteSamples(all.x, model.backend);
  log(`Sampled ${nAll} points with ${input.plugins.integrator.id} (${v.n_sampling_steps} steps, ${all.nfe} evaluations) in ${all.seconds.toFixed(2)} s.`);
  const shown = (x: Float32Array) => x.subarray(0, 2 * v.n_generated);
  const gen = { ...all, x: shown(all.x), snapshots: all.snapshots.map((s) => ({ t: s.t, x: shown(s.x) })) };
  const at = (t: number) => gen.snapshots.find((s) => Math.abs(s.t - t) < 1e-9) ?? { t, x: gen.x };
  const trajectory = v.trajectory_times.map((t) => ({ t, x: at(t).x }));
  const frames = frameTimes.map((t) => ({ t, x: at(t).x }));

  const shownTarget = randomSubset(target, v.n_shown_target, rng.fork('shown-target'));
  const bounds = plotBounds(shownTarget, trajectory);
  const grid = gridPoints(bounds, v.grid_size);
  const fields: FieldSnapshot[] = [];
  const fieldModel = conditional?.gridModel ?? model;
  for (const t of v.field_times) fields.push({ t, grid, velocity: Float32Array.from(await fieldModel.predict(grid, t)) });

  // Quality: generated points against held-out target points, and the same figures between two independent
  // target draws (the noise floor, so that a reader knows what "good" means with this many points).
  const [heldA, heldB] = conditional ? [conditional.heldA, conditional.heldB] : await heldOutTargets(input, rng);
  const quality = qualityMetrics(all.x, heldA, heldB, { seed: config.training.seed });
  // The PyTorch reference's figure: sliced W1 of the generated points against the training points themselves.
  const trainSliced = slicedWasserstein(all.x, target, quality.projections, config.training.seed);
  // The stable figure (README "Quality figures"): against 50,000 fresh points, in units of its floor.
  const ds = input.plugins.dataset;
  const stable = ds ? await stableQuality(all.x, (n, label) => ds.sample(n, rng.fork(label)), { seed: config.training.seed }) : undefined;
  const straight = straightnessStats(frames);
  const lossHistory = [...input.lossHistory];
  const path = input.plugins.path;
  // What the run trained on: fresh pairs of the training points, or a reflow run's fixed couples (fresh times).
  const couples = input.couples;
  // The loss figures pair fresh target points with the model unconditioned: not measured for a conditional run.
  const lossTarget = path && !conditional && (couples || !config.reflow.base) ? { data: couples?.x1 ?? target, couples: couples?.x0 } : undefined;
  const lossFresh = path && lossTarget ? await freshLoss(model, path, input.plugins.pairing, lossTarget.data, config.training.batch_size, rng.fork('fresh-loss'), undefined, couples ? undefined : input.plugins.source, { couples: lossTarget.couples, times: timeSamplerOf(config) }) : undefined;
  // The irreducible part assumes Gaussian noise as x0: with another source it is left out (lossByTime draws normals).
  const byTime = path && lossTarget && (!input.plugins.source || input.plugins.source.standard) ? await lossByTime(model, path, lossTarget.data, rng.fork('loss-by-time'), { pairing: couples ? undefined : input.plugins.pairing, source: lossTarget.couples }) : undefined;
  const likelihood = await runLikelihood({ config, model, integrator: input.plugins.likelihoodIntegrator, dataset: input.plugins.dataset, heldOut: heldA, bounds, rng: rng.fork('likelihood'), log, ...(conditional ? await conditional.likelihood() : {}) });
  const metrics: RunMetrics = {
    backend: model.backend,
    n_epochs: lossHistory.length,
    loss_history: lossHistory,
    final_loss: lossHistory.at(-1) ?? null,
    train_seconds: input.trainSeconds ?? null,
    seconds_per_epoch: input.trainSeconds && lossHistory.length ? input.trainSeconds / lossHistory.length : null,
    sample_seconds: gen.seconds,
    integrator: input.plugins.integrator.id,
    n_sampling_steps: v.n_sampling_steps,
    nfe: gen.nfe,
    n_generated: v.n_generated,
    ...flattenQuality(quality),
    sliced_w1: quality.sliced_w1,
    sliced_w1_floor: quality.floor.sliced_w1,
    sliced_w1_vs_training: trainSliced,
    ...(stable ? { sliced_w1_ratio: stable.ratio, sliced_w1_50k: stable.sliced_w1, sliced_w1_50k_floor: stable.floor } : {}),
    quality_reference: input.plugins.dataset ? 'held-out draws of the dataset' : 'random training points',
    ...(lossFresh !== undefined ? { loss_fresh: lossFresh, loss_fresh_pairs: FRESH_LOSS_PAIRS, loss_fresh_on: couples ? 'its training couples, fresh times' : 'fresh pairs' } : {}),
    ...(byTime ? { loss_by_time: byTime } : {}),
    // The plots' shared square box, so that later drawings of this model (fv sample --png) use the same axes.
    plot_bounds: bounds,
    straightness: straight.mean,
    straightness_median: straight.median,
    ...(input.plugins.assignment && v.n_w2_points > 0 ? transportMetrics(all.x, heldA, frames, input.plugins.assignment, v.n_w2_points) : {}),
    ...likelihood?.metrics,
    ...(conditional ? conditional.metrics(all.x) : {}),
    ...input.extraMetrics,
  };

  const notFinite = Object.entries(metrics).filter(([, x]) => typeof x === 'number' && !Number.isFinite(x)).map(([k]) => k);
  for (const f of fields) if (f.velocity.some((x) => !Number.isFinite(x))) notFinite.push(`vector field at t=${f.t}`);
  if (notFinite.length) {
    throw new FvError('NON_FINITE', `The model gives non-finite figures (${notFinite.slice(0, 5).join(', ')}); nothing was written.`, {
      hint: 'Its weights are out of range: train it again (with a lower training.learning_rate if the loss grew).',
    });
  }
  const files: string[] = [];
  await writePointsCsv(layout.targetCsv, target);
  await writePointsCsv(layout.generatedCsv, all.x);
  files.push(layout.targetCsv, layout.generatedCsv);
  if (!(input.keepRecord && recordsSameSampling(layout.metrics, metrics, ['sliced_w1']))) {
    await (input.writeMetrics ?? jsonMetricsWriter()).write(layout.metrics, metrics);
    files.push(layout.metrics);
  }
  // A run keeps its training record beside the samples, so that a later `fv visualize` draws it too.
  // Given (a run that just trained): written if not empty; not given (visualize alone): read from the last training.
  const evolution = input.evolution ? [...input.evolution] : await readEvolution(layout.evolution);
  if (input.evolution?.length) files.push(await writeEvolution(layout.evolution, input.evolution));

  const result: FlowResult = { context: renderContextOf(config), target: shownTarget, generated: gen.x, trajectory, frames, fields, lossHistory, metrics, bounds, evolution, velocity: fieldOf(fieldModel), likelihood: likelihood?.figures };
  if (conditional) {
    result.conditions = await conditional.figures(target, v.n_shown_target, rng.fork('shown-target'), v.n_generated);
    const guidance = await conditional.guidance(input.plugins.integrator, v.n_generated);
    if (guidance) result.guidance = guidance;
  }
  const renderSeconds: Record<string, number> = {};
  for (const [i, r] of input.plugins.renderers.entries()) {
    input.onRender?.(r.id, i, input.plugins.renderers.length);
    const t0 = performance.now();
    const onProgress = input.onRenderPart && ((part: string, k: number, n: number) => input.onRenderPart!(r.id, part, k, n));
    files.push(...(await r.render(result, layout.visualizations, onProgress ? { onProgress } : undefined)));
    renderSeconds[r.id] = (performance.now() - t0) / 1000;
    log(`Renderer ${r.id}: ${renderSeconds[r.id].toFixed(2)} s.`);
  }
  return { result, files, renderSeconds };
}

/** Two independent target sets for the metrics: fresh seeded draws of the dataset, or disjoint training subsets. */
async function heldOutTargets(input: VisualizeInput, rng: ReturnType<typeof createRng>): Promise<[Float32Array, Float32Array]> {
  const v = input.config.visualization;
  const n = Math.max(v.n_generated, v.n_metric_samples);
  const ds = input.plugins.dataset;
  if (ds) return heldOutDraws(ds, n, (label) => rng.fork(label));
  const k = Math.min(n, Math.floor(pointCount(input.target) / 2));
  const both = randomSubset(input.target, 2 * k, rng.fork('metric-target'));
  return [both.subarray(0, 2 * k), both.subarray(2 * k, 4 * k)];
}

/** Samples with Infinity or NaN are an error that says so, before anything is written (never a CSV of Infinity). */
export function assertFiniteSamples(x: Float32Array, backend: string): void {
  let bad = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) bad++;
  if (bad === 0) return;
  throw new FvError('NON_FINITE', `Sampling the model (${backend}) gave ${bad} non-finite coordinates (Infinity or NaN) out of ${x.length}; nothing was written.`, {
    hint: 'The model\'s weights are out of range: train it again (with a lower training.learning_rate if the loss grew).',
  });
}
