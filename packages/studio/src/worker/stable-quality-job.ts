/**
 * The quality bar's figure, computed in the worker beside training as the CLI's stable figure is (core's
 * `stableQuality`, `sliced_w1_ratio` in metrics.json): sliced W1 of QUALITY_POINTS generated points against one
 * large fresh draw of the target, divided by the mean score of FLOOR_DRAWS fresh draws of the same size (what a
 * perfect model scores with this many points). Always the same sizes, so that its history never mixes two; the
 * floor draws' spread is the figure's own noise. At rest it adds the exact W2 on W2_POINTS points (core's
 * assignment solver, as `fv run`'s metrics.json), against the W2 of two fresh draws (its floor).
 *
 * Each job samples a frozen copy of the model (training goes on and the figure belongs to one epoch), gives way
 * to the message loop while it solves, and is dropped when the model it was made for is replaced.
 */
import { createRng, drawSource, exactW2Squared, generate, pointCount, slicedW1Against, type Dataset, type Integrator, type PointSource, type RunMetrics, type VelocityField, type VelocityModel } from '@flow-visualizer/core';
import type { BrowserVelocityBackend, BrowserVelocityModel } from '@flow-visualizer/backends/browser';
import type { AssignmentSolver } from '@flow-visualizer/core';
import { CancelToken, cancellableModel, wasCancelled } from './cancellable.js';
import { LatestRequestRunner } from './latest-request-runner.js';
import type { StableQualityFigures, WorkerEvent } from './protocol.js';

/** Generated points scored: every figure of a session has this many, so no history mixes sizes. */
export const QUALITY_POINTS = 2000;
/** Fresh target points the samples and the floors are compared with (the CLI uses 50,000; this refreshes live). */
export const REFERENCE_POINTS = 20_000;
/** Fresh draws of QUALITY_POINTS that make the floor; their spread is the figure's noise. */
export const FLOOR_DRAWS = 6;
/** Points of the exact W2 (an n×n assignment: about a second for 1,000 here). */
export const W2_POINTS = 1000;
const PROJECTIONS = 128;

export interface StableQualityInput {
  model: VelocityModel;
  backend: BrowserVelocityBackend;
  dataset: Dataset;
  source?: PointSource;
  integrator: Integrator;
  integratorOptions: { rtol?: number; atol?: number };
  steps: number;
  seed: number;
  epoch: number;
  /** Add the exact W2 (at rest: it blocks the worker for about a second). */
  w2?: AssignmentSolver;
  /**
   * A conditional model: the guided field of `n` points of `model`, each with its condition, and fv visualize's
   * conditional metrics of the points it generates (per class; the per-class W2 only when given a solver).
   */
  conditioned?: (model: VelocityModel, n: number) => Promise<{ field: VelocityField; metrics(generated: Float32Array): Partial<RunMetrics> }>;
}

/** What depends only on the dataset, the source and the seed: drawn once per model, kept while it lasts. */
interface Yardstick {
  reference: Float32Array;
  floors: number[];
  noiseRatio: number;
  heldOut: Float32Array;
  w2Floor?: number;
  w2Other: Float32Array;
}

export class StableQualityJobs {
  private readonly token = new CancelToken();
  private readonly jobs = new LatestRequestRunner<StableQualityInput>((make) => this.run(make));
  /** Whether the waiting request is at rest (then it runs at once; a live one waits its turn, see drain). */
  private wantedAtRest = false;
  private yardstick?: Promise<Yardstick>;

  constructor(private readonly post: (e: WorkerEvent) => void) {}

  /** A new model: drop the job in progress and the waiting one; `keepYardstick` when the data and seed stay. */
  cancel(keepYardstick = false): void {
    this.token.cancel();
    this.jobs.dropWaiting();
    if (!keepYardstick) this.yardstick = undefined;
  }

  /** Figures of the model as it stands; the latest request waits for the running job, then replaces any older one. */
  request(input: () => StableQualityInput, atRest = false): void {
    this.wantedAtRest = atRest;
    this.jobs.request(input);
  }

  private async run(make: () => StableQualityInput): Promise<void> {
    const check = this.token.start();
    try {
      const figures = await this.compute(make(), check);
      check();
      this.post({ type: 'stable-quality', figures });
      // While training runs, the figure takes at most about a fifth of the worker's time: the next live
      // request waits four times as long as this one took (at most 5 s); one at rest goes at once.
      if (this.jobs.waiting && !this.wantedAtRest) await pause(Math.min(5000, 4000 * figures.seconds), () => this.wantedAtRest || !this.jobs.waiting);
    } catch (e) {
      if (!wasCancelled(e, check)) this.post({ type: 'error', error: { key: '', message: `Quality figures: ${e instanceof Error ? e.message : String(e)}` } });
    }
  }

  private async compute(i: StableQualityInput, check: () => void): Promise<StableQualityFigures> {
    const start = performance.now();
    this.yardstick ??= makeYardstick(i);
    const y = await this.yardstick;
    check();
    // A frozen copy: training changes the live model's weights between the solver's steps.
    const frozen = await i.backend.createModelFromState(i.model.spec, await (i.model as BrowserVelocityModel).readState());
    try {
      const sampled = cancellableModel(frozen, check);
      const conditioned = i.conditioned ? await i.conditioned(sampled, QUALITY_POINTS) : undefined;
      const gen = await generate(sampled, i.integrator, {
        ...(conditioned ? { field: conditioned.field } : {}),
        n: QUALITY_POINTS,
        steps: i.steps,
        rng: createRng(i.seed, 'studio-quality'),
        integratorOptions: i.integratorOptions,
        ...(i.source ? { source: i.source } : {}),
      });
      const [w] = slicedW1Against([gen.x], y.reference, PROJECTIONS, i.seed);
      const floor = mean(y.floors);
      let w2: Pick<StableQualityFigures, 'w2' | 'w2_floor' | 'w2_points'> = {};
      if (i.w2) {
        check();
        if (y.w2Floor === undefined) y.w2Floor = Math.sqrt(exactW2Squared(y.w2Other, y.heldOut, i.w2, 'studio W2 points'));
        w2 = { w2: Math.sqrt(exactW2Squared(gen.x.subarray(0, 2 * W2_POINTS), y.heldOut, i.w2, 'studio W2 points')), w2_floor: y.w2Floor, w2_points: W2_POINTS };
      }
      check();
      const byClass = conditioned?.metrics(gen.x);
      return {
        epoch: i.epoch,
        ratio: w / floor,
        // A perfect model's ratio spreads as the floor draws do: 1 ± this.
        noise: sd(y.floors) / floor,
        noise_ratio: y.noiseRatio,
        sliced_w1: w,
        floor,
        n: pointCount(gen.x),
        reference_points: REFERENCE_POINTS,
        floor_draws: y.floors.length,
        ...w2,
        ...(byClass?.per_class ? { per_class: byClass.per_class, nearest_class_share: byClass.nearest_class_share! } : {}),
        seconds: (performance.now() - start) / 1000,
      };
    } finally {
      frozen.dispose();
    }
  }
}

async function makeYardstick(i: StableQualityInput): Promise<Yardstick> {
  const rng = createRng(i.seed, 'studio-stable');
  const reference = await i.dataset.sample(REFERENCE_POINTS, rng.fork('reference'));
  const floorSets: Float32Array[] = [];
  for (let k = 0; k < FLOOR_DRAWS; k++) floorSets.push(await i.dataset.sample(QUALITY_POINTS, rng.fork(`floor-${k}`)));
  // The points the flow starts from (generate draws them first from the same stream): where the bar starts.
  const start = await drawSource(i.source, QUALITY_POINTS, createRng(i.seed, 'studio-quality'));
  const scores = slicedW1Against([start, ...floorSets], reference, PROJECTIONS, i.seed);
  const floors = scores.slice(1);
  const heldOut = await i.dataset.sample(W2_POINTS, rng.fork('w2-held-out'));
  const w2Other = await i.dataset.sample(W2_POINTS, rng.fork('w2-floor'));
  return { reference, floors, noiseRatio: scores[0] / mean(floors), heldOut, w2Other };
}

/** Waits `ms`, or less once `cutShort()` says so (checked every 50 ms). */
async function pause(ms: number, cutShort: () => boolean): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end && !cutShort()) await new Promise((r) => setTimeout(r, Math.min(50, end - performance.now())));
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function sd(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
}
