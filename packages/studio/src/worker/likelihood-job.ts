/**
 * The likelihood view's figures, computed in the worker beside training: the model's exact log p(x) on a grid over
 * the plot box, the target's kernel density on the same grid, and the mean NLL of held-out target points (core's
 * logProb, exact trace, with the run's likelihood solver; a class-conditional model's is its class mixture's). Each job works on a frozen copy of the model (so that
 * training goes on and the figures belong to one epoch), gives way at every Jacobian evaluation (so training's
 * steps interleave with it), and is dropped at once when the model it was made for is replaced (cancellable).
 */
import { classMixtureLogProb, isFvError, gridPoints, logProb, meanNll, sourceDensityOf, type ConditionSpec, type FvConfig, type Integrator, type VelocityModel } from '@flow-visualizer/core';
import type { BrowserVelocityBackend, BrowserVelocityModel } from '@flow-visualizer/backends/browser';
import { kde2d } from '@flow-visualizer/renderers/plot';
import { VIEW_BOX } from '../config/view-box.js';
import { LatestRequestRunner } from './latest-request-runner.js';
import type { LikelihoodFigures, WorkerEvent } from './protocol.js';

/** Cells per side of the density grids: enough to see the shape, cheap enough to refresh while training. */
export const LIKELIHOOD_GRID = 40;
/** Most held-out points scored for the NLL (likelihood.n_points, capped: the figure refreshes often). */
const MAX_NLL_POINTS = 500;

class Cancelled extends Error {}

export interface LikelihoodInput {
  config: FvConfig;
  model: VelocityModel;
  backend: BrowserVelocityBackend;
  integrator: Integrator;
  /** Fresh held-out target points (box units). */
  heldOut: Float32Array;
  /** Target points whose kernel density is drawn beside the model's. */
  target: Float32Array;
  epoch: number;
  /** log|det| of the dataset's fit of the user's points into the box: the NLL is given in the user's units, as metrics.json's is. */
  logDet: number;
  /** A class-conditional model: its density of x is the mixture of its classes in these shares (the training labels'), as fv run's. */
  mixture?: { spec: ConditionSpec; shares: Float64Array };
}

export class LikelihoodJobs {
  /** Bumped by cancel(): a running job sees it at its next evaluation and stops. */
  private generation = 0;
  private readonly jobs = new LatestRequestRunner<LikelihoodInput>((make) => this.run(make));

  constructor(private readonly post: (e: WorkerEvent, transfer?: Transferable[]) => void) {}

  /** Drops the job in progress and any waiting one (a new model: their figures would describe the old). */
  cancel(): void {
    this.generation++;
    this.jobs.dropWaiting();
  }

  /**
   * Asks for figures of the model as it stands; while a job runs, the latest request waits for it (rather than
   * cancelling it, which would starve the view while previews come faster than a job ends).
   */
  request(input: () => LikelihoodInput): void {
    this.jobs.request(input);
  }

  private async run(make: () => LikelihoodInput): Promise<void> {
    const gen = this.generation;
    try {
      const figures = await this.compute(make(), gen);
      if (gen === this.generation) this.post({ type: 'likelihood', figures }, figures.modelLogp ? [figures.modelLogp.buffer, figures.targetLogp.buffer] : [figures.targetLogp.buffer]);
    } catch (e) {
      if (!(e instanceof Cancelled) && gen === this.generation) this.post({ type: 'error', error: { key: '', message: `Likelihood: ${e instanceof Error ? e.message : String(e)}` } });
    }
  }

  private async compute(i: LikelihoodInput, gen: number): Promise<LikelihoodFigures> {
    const size = LIKELIHOOD_GRID;
    const target = kde2d(i.target, VIEW_BOX, size);
    const targetLogp = Float32Array.from(target.values, (v) => Math.log(v));
    const base = { epoch: i.epoch, gridSize: size, targetLogp, integrator: i.config.likelihood.integrator, steps: i.config.likelihood.steps };
    const unavailable = whyNoLikelihood(i.config, i.model, i.mixture !== undefined);
    if (unavailable) return { ...base, unavailable };
    // A frozen copy: training changes the live model's weights between the solver's steps.
    const frozen = await i.backend.createModelFromState(i.model.spec, await (i.model as BrowserVelocityModel).readState());
    try {
      const checked = cancellable(frozen, () => gen !== this.generation);
      const solver = { integrator: i.integrator, steps: i.config.likelihood.steps, integratorOptions: i.config.likelihood.integrator_options as { rtol?: number; atol?: number } };
      const start = performance.now();
      const n = Math.min(MAX_NLL_POINTS, i.config.likelihood.n_points || MAX_NLL_POINTS, i.heldOut.length / 2);
      const w = i.config.sampling.guidance;
      const density = async (points: Float32Array) => {
        if (!i.mixture) return logProb(checked, points, solver);
        const r = await classMixtureLogProb(checked, i.mixture.spec, points, i.mixture.shares, w, solver);
        return { exact: r.logp, nfe: r.nfe, integrator: solver.integrator.id, steps: solver.steps };
      };
      const held = await density(i.heldOut.subarray(0, 2 * n));
      const grid = await density(gridPoints(VIEW_BOX, size));
      return {
        ...base,
        modelLogp: Float32Array.from(grid.exact),
        nll: meanNll(held.exact) - i.logDet,
        nllPoints: n,
        integrator: held.integrator,
        steps: held.steps,
        nfe: held.nfe + grid.nfe,
        seconds: (performance.now() - start) / 1000,
      };
    } finally {
      frozen.dispose();
    }
  }
}

/** Why this model has no likelihood to show (a source without a density, a backend without a Jacobian), or undefined. */
function whyNoLikelihood(config: FvConfig, model: VelocityModel, mixture: boolean): string | undefined {
  try {
    sourceDensityOf(config);
  } catch (e) {
    if (isFvError(e)) return e.message;
    throw e;
  }
  if (model.spec?.condDim && !mixture) return "A model conditioned on a coordinate has no density of x alone (it would need an integral over the value); fv likelihood gives log p(x | c).";
  if (!model.jacobian) return `The '${model.backend}' backend gives no Jacobian, so the divergence (and log p) cannot be computed exactly here.`;
  return undefined;
}

/** The model with each Jacobian evaluation first yielding to training and then checking for cancellation. */
function cancellable(model: VelocityModel, cancelled: () => boolean): VelocityModel {
  const jacobian = model.jacobian!.bind(model);
  return {
    backend: model.backend,
    spec: model.spec,
    trainStep: () => Promise.reject(new Error('A frozen copy does not train.')),
    predict: (x, t, c) => model.predict(x, t, c),
    save: (dir) => model.save(dir),
    numTensors: () => model.numTensors(),
    dispose: () => model.dispose(),
    async jacobian(x: Float32Array, t: number, c?: Float32Array) {
      await new Promise((r) => setTimeout(r, 0));
      if (cancelled()) throw new Cancelled();
      return jacobian(x, t, c);
    },
  };
}
