/**
 * The training session inside the Web Worker: one model, trained epoch by epoch by core's `train()` (resumed
 * from where it stands each time, stopped by an AbortSignal for pause), previewed for the live views. Commands
 * that need the model to themselves (a new model, a step) run one at a time; a pause aborts the running training,
 * which stops at the end of its epoch so that resuming is exact.
 */
import {
  PLUGIN_REGISTRY,
  PluginRegistry,
  USER_FILES,
  classShares,
  conditionSpecOf,
  createRng,
  dataConditions,
  evaluationsPerStep,
  heldOutDraws,
  modelSpecOf,
  train,
  userLogDet,
  type FvConfig,
  type ConditionSpec,
  type FvPlugin,
  type ModelSpec,
  type ResolvedPlugins,
  type VelocityBackend,
  type VelocityModel,
} from '@flow-visualizer/core';
import { builtinCouplingPlugins } from '@flow-visualizer/couplings';
import { LIKELIHOOD_INTEGRATOR, createRunContainer, resolvePort, resolveRunPorts, rootContainer, type DependencyContainer } from '@flow-visualizer/core/container';
import { datasetPlugins, memoryFiles } from '@flow-visualizer/datasets';
import type { BrowserVelocityBackend, BrowserVelocityModel, MlpState } from '@flow-visualizer/backends/browser';
import { exportRunFiles } from '../io/run-export.js';
import { builtinIntegratorPlugins } from '@flow-visualizer/integrators';
import { keyedErrors } from '../config/keyed-errors.js';
import { changeKind, parseValues } from '../config/settings.js';
import { makePreview } from './preview.js';
import { backendLines } from './backend-lines.js';
import { LikelihoodJobs } from './likelihood-job.js';
import type { ChangeOutcome, ConditionInfo, ConfigValues, KeyedError, RunFileOut, WorkerEvent } from './protocol.js';
import { checkedConditionSpec, conditionedSampling, targetClasses } from './conditioning.js';
import { pairsOf, pretrainedPreview, previewBuffers, withDensity } from '../live/worker-jobs.js';
import type { PretrainedModel } from '../live/live-protocol.js';
import { StableQualityJobs } from './stable-quality-job.js';
import { CancelToken, cancellableModel, wasCancelled } from './cancellable.js';

/** Points generated for the views and the quality figures when training stands still (n_generated, capped). */
const MAX_PREVIEW_POINTS = 1000;
/** Fewest points of a preview taken while training runs. */
const MIN_LIVE_POINTS = 200;
/** Target points sent to the page to draw. */
const MAX_SHOWN_TARGET = 2000;

/** Evaluations per step assumed for an integrator that declares none. */
const DEFAULT_EVALUATIONS_PER_STEP = 4;

type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;
type Plugins = Pick<ResolvedPlugins, 'dataset' | 'integrator' | 'path' | 'pairing' | 'backend' | 'likelihoodIntegrator'> & Partial<Pick<ResolvedPlugins, 'source' | 'assignment'>>;

export class CommandError extends Error {
  constructor(readonly errors: KeyedError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

export class Trainer {
  /** The worker's root container: the registry of the plugins that run in a page (backends are added per device). */
  private readonly root: DependencyContainer;
  /**
   * The backend plugins for each `training.device` (a GPU backend forced by name also takes a software GPU), each
   * creating its backend once for the worker's life: probes are slow and a page's GPU context is not made twice.
   */
  private readonly backendsByDevice = new Map<string, FvPlugin<'backend'>[]>();
  private backends: VelocityBackend[] = [];
  private config?: FvConfig;
  private plugins?: Plugins;
  private model?: VelocityModel;
  private target?: Float32Array;
  /** A conditional model's condition (model.conditional), and the class of each target point when it is classes. */
  private condition?: ConditionSpec;
  private targetLabels?: Int32Array;
  private heldOut?: [Float32Array, Float32Array];
  private epoch = 0;
  private lossHistory: number[] = [];
  private running?: { abort: AbortController; done: Promise<void>; previewAfter: boolean };
  private lastPreviewAt = 0;
  private lastPreviewCost = 0;
  private lastPreviewEpoch = 0;
  private resampleWanted = false;
  /** The user's dropped files, read by the points/svg/image datasets (data.options.file). */
  private files = new Map<string, Uint8Array>();
  /** The likelihood view's figures, refreshed after each preview beside training. */
  private readonly likelihood: LikelihoodJobs;
  /** The quality bar's stable figure (and W2 at rest), refreshed after each preview beside training. */
  private readonly stable: StableQualityJobs;
  /** Previews give way to the message loop while they solve; this drops the one in progress (a pause, a reset). */
  private readonly previewToken = new CancelToken();
  /** The preview in progress (settles, never rejects, once it has let go of the model). */
  private previewing: Promise<void> = Promise.resolve();

  constructor(
    private readonly post: Post,
    private readonly backendPlugins: (device: string) => FvPlugin[],
  ) {
    this.likelihood = new LikelihoodJobs(post);
    this.stable = new StableQualityJobs(post);
    this.root = rootContainer.createChildContainer();
    this.root.register(PLUGIN_REGISTRY, { useValue: new PluginRegistry([...builtinCouplingPlugins(), ...datasetPlugins(), ...builtinIntegratorPlugins()]) });
  }

  /** Builds the first model (probing every backend, for the list with reasons). */
  async init(values: ConfigValues): Promise<void> {
    await this.configure(values);
  }

  private backendPluginsFor(device: string): FvPlugin<'backend'>[] {
    let plugins = this.backendsByDevice.get(device);
    if (!plugins) {
      plugins = (this.backendPlugins(device) as FvPlugin<'backend'>[]).map((p) => {
        let made: Promise<VelocityBackend> | undefined;
        return { ...p, create: (options, ctx) => (made ??= Promise.resolve(p.create(options, ctx))) };
      });
      this.backendsByDevice.set(device, plugins);
    }
    return plugins;
  }

  /** The run's child container, as the cli makes one per command: its config, the dropped files, its ports. */
  private runContainer(config: FvConfig, files: Map<string, Uint8Array>): DependencyContainer {
    const base = this.root.resolve<PluginRegistry>(PLUGIN_REGISTRY);
    const registry = new PluginRegistry([...base.all(), ...this.backendPluginsFor(config.training.device)]);
    return createRunContainer(this.root, {
      config,
      baseDir: '',
      registry,
      overrides: (child) => child.register(USER_FILES, { useValue: memoryFiles(files) }),
    });
  }

  /**
   * New settings: validated first, so that bad input leaves the current model as it is. Answers what became of
   * the model: re-sampled, trained on (retune: the same weights and Adam state under new optimiser settings,
   * running again if it ran), or replaced by a fresh one.
   */
  async configure(values: ConfigValues, files?: Record<string, Uint8Array>): Promise<ChangeOutcome> {
    const { config, plugins } = await this.validate(values, files);
    const kind = this.config && this.model ? changeKind(this.config, config) : 'reset';
    if (kind === 'reset' || files) {
      await this.stop();
      await this.newModel(config, plugins);
      return 'reset';
    }
    if (kind === 'retune') {
      const wasRunning = !!this.running;
      await this.stop();
      await this.retune(config, plugins);
      if (wasRunning && this.epoch < config.training.n_epochs) void this.runEpochs(config.training.n_epochs);
      else {
        this.post({ type: 'running', running: false, epoch: this.epoch, nEpochs: config.training.n_epochs });
        // At rest the views are drawn again: a moving-average change changes what the model samples.
        if (this.epoch > 0) void this.startPreview();
      }
      return 'retune';
    }
    const epochsChanged = config.training.n_epochs !== this.config!.training.n_epochs;
    // A running training works toward the epoch count it started with: a new count takes a restart of the loop
    // (the same model and optimizer, from the same epoch), or a stop when the count is already reached.
    if (kind === 'continue' && epochsChanged && this.running) {
      await this.stop();
      this.config = config;
      this.plugins = plugins;
      if (this.epoch < config.training.n_epochs) void this.runEpochs(config.training.n_epochs);
      else this.post({ type: 'running', running: false, epoch: this.epoch, nEpochs: config.training.n_epochs });
      return kind;
    }
    this.config = config;
    this.plugins = plugins;
    if (kind === 'continue') this.post({ type: 'running', running: !!this.running, epoch: this.epoch, nEpochs: config.training.n_epochs });
    if (kind === 'resample') {
      if (this.running) this.resampleWanted = true;
      // Not awaited: a long preview must not hold up the next command (which cancels it).
      else void this.startPreview();
    }
    return kind;
  }

  /** The current weights, Adam moments and step count carried into a model of the new optimiser settings. */
  private async retune(config: FvConfig, plugins: Plugins): Promise<void> {
    const old = this.model as BrowserVelocityModel;
    let next: VelocityModel;
    try {
      const state = await old.readState();
      next = await (plugins.backend as BrowserVelocityBackend).createModelFromState(modelSpecOf(config, this.condition), state);
      this.post({ type: 'retuned', epoch: this.epoch, optimizerSteps: state.step });
    } catch (e) {
      throw new CommandError(keyedErrors(e, 'training.learning_rate'));
    }
    // Jobs waiting with the old model would read it after it is gone; the data (and the yardstick) stay.
    this.likelihood.cancel();
    this.stable.cancel(true);
    old.dispose();
    Object.assign(this, { config, plugins, model: next });
  }

  /** A CLI run's model, to explore (its samples at once) and to train further from where it stopped. */
  async import(values: ConfigValues, spec: ModelSpec, state: MlpState, lossHistory: number[]): Promise<void> {
    const { config, plugins } = await this.validate(values);
    await this.stop();
    const backend = plugins.backend as BrowserVelocityBackend;
    await this.newModel(config, plugins, async () => {
      try {
        return await backend.createModelFromState(spec, state);
      } catch (e) {
        throw new CommandError(keyedErrors(e, 'import'));
      }
    }, lossHistory, lossHistory.length || config.training.n_epochs);
    void this.startPreview();
  }

  /** The settings and the model as a CLI run folder's files (what `fv visualize --config config.yaml` reads). */
  async export(): Promise<RunFileOut[]> {
    if (!this.model) throw new CommandError([{ key: '', message: 'There is no model to export yet.' }]);
    // An untrained model only carries noise to noise: exporting it would look like a result.
    if (this.epoch === 0) throw new CommandError([{ key: '', message: 'Nothing to export yet: the model is untrained. Train it (or Step once), then export.' }]);
    try {
      return await exportRunFiles(this.config, this.model as unknown as Parameters<typeof exportRunFiles>[1], undefined, { lossHistory: this.lossHistory });
    } catch (e) {
      throw new CommandError(keyedErrors(e, 'export'));
    }
  }

  /** Settings and plugins of `values`, or the keyed messages of what is wrong with them (nothing is changed). */
  private async validate(values: ConfigValues, files?: Record<string, Uint8Array>): Promise<{ config: FvConfig; plugins: Plugins }> {
    let config: FvConfig;
    let plugins: Plugins;
    const fileMap = files ? new Map(Object.entries(files)) : this.files;
    try {
      config = parseValues(values);
      const child = this.runContainer(config, fileMap);
      const resolved = await resolveRunPorts(child, ['dataset', 'source', 'integrator', 'path', 'pairing', 'assignment', 'backend']);
      const likelihoodIntegrator = await resolvePort<ResolvedPlugins['integrator']>(child, LIKELIHOOD_INTEGRATOR);
      // Conditional settings the model could not honour are refused here, before anything changes.
      checkedConditionSpec(config, resolved.dataset);
      // The page lists every backend with why it loads or not, so all are made (once each) for the list.
      this.backends = await Promise.all(this.backendPluginsFor(config.training.device).map((p) => p.create({}, undefined as never)));
      plugins = {
        dataset: resolved.dataset,
        // The standard Gaussian is what training and sampling use when no source is given: passed only otherwise.
        ...(resolved.source && !resolved.source.standard ? { source: resolved.source } : {}),
        integrator: resolved.integrator,
        path: resolved.path,
        pairing: resolved.pairing,
        ...(resolved.assignment ? { assignment: resolved.assignment } : {}),
        backend: resolved.backend,
        likelihoodIntegrator,
      };
    } catch (e) {
      throw new CommandError(keyedErrors(e, 'data.name'));
    }
    this.files = fileMap;
    return { config, plugins };
  }

  /** Starts training toward n_epochs (resolves once started). */
  train(): void {
    if (this.running || !this.model) return;
    const n = this.config!.training.n_epochs;
    if (this.epoch >= n) throw new CommandError([{ key: 'training.n_epochs', message: `Training has done its ${n} epochs: raise epochs to train further, or Reset to start again.` }]);
    void this.runEpochs(this.config!.training.n_epochs);
  }

  async pause(): Promise<void> {
    await this.stop(true);
  }

  /** One epoch, then stop (past n_epochs too: a step always takes one). */
  async step(): Promise<void> {
    if (this.running || !this.model) return;
    await this.runEpochs(this.epoch + 1);
  }

  /** A fresh model of the same settings at epoch 0. */
  async reset(): Promise<void> {
    await this.stop();
    await this.newModel(this.config!, this.plugins!);
  }

  /**
   * Stops a running training at the end of its epoch (a preview in progress gives way at once, mid-solve);
   * `preview`: show where it stopped (not when a new model follows).
   */
  private async stop(preview = false): Promise<void> {
    this.previewToken.cancel();
    // The preview now in progress; not one that a pause starts after the training has stopped.
    const previewing = this.previewing;
    if (this.running) {
      this.running.previewAfter = preview;
      this.running.abort.abort();
      await this.running.done;
    }
    await previewing;
  }

  /**
   * Starts a preview of the model as it stands, replacing one in progress; resolves when it has ended, whether
   * it finished, gave way (a pause, a reset, a new value) or failed (then its message is posted).
   */
  private startPreview(live = false): Promise<void> {
    this.previewToken.cancel();
    const before = this.previewing;
    // Bound now: a cancel that comes while the one before is still letting go cancels this one too.
    const check = this.previewToken.start();
    const run = (async () => {
      await before;
      try {
        await this.preview(live, check);
      } catch (e) {
        if (wasCancelled(e, check)) this.post({ type: 'preview-cancelled', epoch: this.epoch });
        else this.post({ type: 'error', error: keyedErrors(e)[0] });
      }
    })();
    this.previewing = run;
    return run;
  }

  private async newModel(config: FvConfig, plugins: Plugins, make?: () => Promise<VelocityModel>, lossHistory: number[] = [], epoch = lossHistory.length): Promise<void> {
    const lines = await backendLines(this.backends, plugins.backend.id);
    this.post({ type: 'backends', lines, taken: plugins.backend.id });
    let model: VelocityModel;
    let target: Float32Array;
    let heldOut: [Float32Array, Float32Array];
    let condition: ConditionSpec | undefined;
    let targetLabels: Int32Array | undefined;
    if (make) model = await make();
    try {
      condition = make ? model!.spec?.condition : conditionSpecOf(config, plugins.dataset.classNames);
      model ??= await plugins.backend.createModel(modelSpecOf(config, condition));
      target = await plugins.dataset.sample(config.data.n_samples, createRng(config.training.seed, 'data'));
      // train() draws the same points with their labels: the views colour them by class.
      targetLabels = await targetClasses(config, plugins.dataset, condition);
      const rng = createRng(config.training.seed, 'studio-held-out');
      heldOut = await heldOutDraws(plugins.dataset, this.previewPoints(config), (label) => rng.fork(label));
    } catch (e) {
      throw new CommandError(keyedErrors(e, 'data.name'));
    }
    await this.stop();
    this.likelihood.cancel();
    this.stable.cancel();
    this.model?.dispose();
    Object.assign(this, { config, plugins, model, target, heldOut, epoch, lossHistory: [...lossHistory], condition, targetLabels });
    const shown = target.slice(0, 2 * Math.min(MAX_SHOWN_TARGET, target.length / 2));
    const shownClasses = targetLabels?.slice(0, shown.length / 2);
    const info = conditionInfo(condition);
    // No preview of an untrained model: it is the noise, and on a slow backend it costs as much as epochs do.
    this.post(
      { type: 'model', target: shown, nEpochs: config.training.n_epochs, backend: model.backend, epoch: this.epoch, lossHistory: this.lossHistory, ...(info ? { condition: info } : {}), ...(shownClasses ? { targetClasses: shownClasses } : {}) },
      [shown.buffer],
    );
  }

  /** Starts training up to epoch `until`; the promise is the training's end (callers may leave it running). */
  private runEpochs(until: number): Promise<void> {
    const abort = new AbortController();
    const config = this.config!;
    // No evolution snapshots (the page previews instead) and no pairing threads (a worker has none to lend).
    const run: FvConfig = { ...config, training: { ...config.training, n_epochs: until, evolution_snapshots: 0 }, flow: { ...config.flow, pairing_workers: 0 } };
    const model = this.model!;
    const state = { abort, previewAfter: true } as { abort: AbortController; done: Promise<void>; previewAfter: boolean };
    const done = (async () => {
      this.post({ type: 'running', running: true, epoch: this.epoch, nEpochs: config.training.n_epochs });
      try {
        await train({
          config: run,
          plugins: this.plugins!,
          hooks: { signal: abort.signal, onEpoch: (info) => this.afterEpoch(info.epoch, info.loss, info.epochSeconds, until) },
          resume: { model, startEpoch: this.epoch, lossHistory: this.lossHistory },
          target: this.target,
        });
      } catch (e) {
        this.post({ type: 'error', error: keyedErrors(e)[0] });
      } finally {
        this.running = undefined;
        this.post({ type: 'running', running: false, epoch: this.epoch, nEpochs: this.config!.training.n_epochs });
      }
    })();
    // The preview of where training stopped is not part of the training: a stop waits for neither, and cancels it.
    void done.then(() => {
      if (state.previewAfter && this.model === model) void this.startPreview();
    });
    state.done = done;
    this.running = state;
    return done;
  }

  private async afterEpoch(epoch: number, loss: number, epochSeconds: number, until: number): Promise<void> {
    this.epoch = epoch;
    this.lossHistory.push(loss);
    this.post({ type: 'epoch', epoch, nEpochs: this.config!.training.n_epochs, loss, epochSeconds });
    // Preview every half second or every 5 epochs, whichever comes first, but spend at most about a fifth of the
    // time on it; the last epoch is previewed by runEpochs.
    const since = (performance.now() - this.lastPreviewAt) / 1000;
    const due = since >= 4 * this.lastPreviewCost && (since >= 0.5 || epoch - this.lastPreviewEpoch >= 5);
    if (epoch < until && (this.resampleWanted || due) && !stopping(this.running)) await this.startPreview(true);
  }

  /**
   * Samples the model for the views. `live` (while training runs): at most about half an epoch's worth of
   * network evaluations (an epoch costs ~3 per target point), so a big model on a slow backend still trains
   * most of the time; at rest, the full count.
   */
  private async preview(live: boolean, check: () => void): Promise<void> {
    this.resampleWanted = false;
    const config = this.config!;
    const full = this.previewPoints(config);
    const declared = evaluationsPerStep(this.root.resolve<PluginRegistry>(PLUGIN_REGISTRY).get('integrator', config.visualization.integrator));
    const perPoint = config.visualization.n_sampling_steps * (declared ?? DEFAULT_EVALUATIONS_PER_STEP);
    const n = live ? Math.min(full, Math.max(MIN_LIVE_POINTS, Math.floor((1.5 * config.data.n_samples) / perPoint))) : full;
    const t0 = performance.now();
    const model = cancellableModel(this.model!, check);
    // A conditional model samples as fv visualize does: sampling.class (or every class in proportion) at sampling.guidance.
    const conditioned = this.condition ? { ...(await conditionedSampling(config, model, this.condition, this.plugins!, n, 'studio-conditions')), info: conditionInfo(this.condition)! } : undefined;
    const sampled = await makePreview({
      model,
      ...(conditioned ? { conditioned } : {}),
      ...(this.plugins!.source ? { source: this.plugins!.source } : {}),
      integrator: this.plugins!.integrator,
      integratorOptions: config.visualization.integrator_options as { rtol?: number; atol?: number },
      steps: config.visualization.n_sampling_steps,
      n,
      seed: config.training.seed,
      epoch: this.epoch,
      // One class asked: the figures against the whole target would be far from 1 by design, so the preview has none
      // (the quality bar scores every class in proportion).
      heldOut: conditioned && oneCondition(config) ? undefined : this.heldOut,
    });
    check();
    const preview = withDensity(sampled, this.target, this.condition?.on === 'class' ? this.targetLabels : undefined);
    this.lastPreviewAt = performance.now();
    this.lastPreviewEpoch = this.epoch;
    this.lastPreviewCost = (this.lastPreviewAt - t0) / 1000;
    this.post({ type: 'preview', preview }, previewBuffers(preview));
    const { config: c, plugins: p, model: current, target, heldOut, epoch, condition } = this;
    if (p?.likelihoodIntegrator && current && target && heldOut) {
      const labels = condition?.on === 'class' ? this.targetLabels : undefined;
      const mixture = labels && condition ? { spec: condition, shares: classShares(condition, labels) } : undefined;
      this.likelihood.request(() => ({ config: c!, model: current, backend: p.backend as BrowserVelocityBackend, integrator: p.likelihoodIntegrator!, heldOut: heldOut[0], target, epoch, logDet: userLogDet(p.dataset.boxFit), ...(mixture ? { mixture } : {}) }));
    }
    if (p && current && c) {
      this.stable.request(() => ({
        model: current,
        // A conditional model's points each get a condition, as in the preview (fv visualize's sampling).
        // The bar scores the model over every class in proportion (at the guidance asked), whichever class is shown.
        // Its per-class figures are fv run's (metrics.json's per_class); the per-class W2, as the W2, at rest only.
        ...(condition ? { conditioned: (m: VelocityModel, count: number) => conditionedSampling(perClassSettings(inProportion(c)), m, condition, { dataset: p.dataset, ...(p.source ? { source: p.source } : {}), ...(!live && p.assignment ? { assignment: p.assignment } : {}) }, count, 'studio-quality-conditions') } : {}),
        backend: p.backend as BrowserVelocityBackend,
        dataset: p.dataset,
        ...(p.source ? { source: p.source } : {}),
        integrator: p.integrator,
        integratorOptions: c.visualization.integrator_options as { rtol?: number; atol?: number },
        steps: c.visualization.n_sampling_steps,
        seed: c.training.seed,
        epoch,
        // The exact W2 holds the worker for about a second: at rest only.
        ...(!live && p.assignment ? { w2: p.assignment } : {}),
      }), !live);
    }
  }

  /** A batch coupled by `pairing` (default: the run's own) for the pairing-lines view; data only, no model needed. */
  async pairs(pairing?: string): Promise<void> {
    if (!this.config || !this.target) return;
    const choices = this.root.resolve<PluginRegistry>(PLUGIN_REGISTRY).ids('pairing');
    if (pairing !== undefined && !choices.includes(pairing)) throw new CommandError([{ key: 'flow.pairing', message: `No pairing '${pairing}': one of ${choices.join(', ')}.` }]);
    // C²OT couples by condition: offered, and given the target's conditions, only for a conditional model.
    const conditions = this.condition ? dataConditions(this.condition, this.target, this.targetLabels) : undefined;
    const offered = conditions ? choices : choices.filter((c) => c !== 'c2ot');
    if (!conditions && pairing === 'c2ot') throw new CommandError([{ key: 'flow.pairing', message: 'c2ot couples by condition: turn on conditional (model.conditional) to see its pairs.' }]);
    const batch = await pairsOf(pairing ?? this.config.flow.pairing, this.config, this.plugins?.pairing, this.target, (c) => this.runContainer(c, this.files), offered, this.plugins?.source, conditions, this.condition?.on === 'class' ? this.targetLabels : undefined);
    this.post({ type: 'pairs', batch }, [batch.x0.buffer, batch.x1.buffer, ...(batch.classes ? [batch.classes.buffer] : [])] as ArrayBuffer[]);
  }

  /** The pretrained demo model's preview, only while the run's own model is untrained (a trained one says more). */
  async pretrained(m: PretrainedModel): Promise<void> {
    if (!this.config || !this.plugins || !this.target || this.epoch > 0 || this.running) return;
    const preview = await pretrainedPreview(m, this.plugins.backend as BrowserVelocityBackend, this.plugins.integrator, this.config, this.target, this.previewPoints(this.config));
    // The run's model may have trained meanwhile (a Step queued behind): then the demo is out of date.
    if (this.epoch > 0) return;
    this.post({ type: 'preview', preview }, previewBuffers(preview));
  }

  private previewPoints(config: FvConfig): number {
    return Math.min(config.visualization.n_generated, MAX_PREVIEW_POINTS);
  }
}

/** What the page needs to know of a model's condition (the class picker's names, whether guidance is possible). */
function conditionInfo(spec: ConditionSpec | undefined): ConditionInfo | undefined {
  return spec ? { on: spec.on, ...(spec.classNames ? { classNames: [...spec.classNames] } : {}), nullToken: spec.nullToken } : undefined;
}

/** Whether the settings ask for one class (or one value) rather than the target's own, in proportion. */
export function oneCondition(config: FvConfig): boolean {
  return config.sampling.class !== undefined || config.sampling.condition !== undefined;
}

/** The settings sampling every class in proportion (sampling.class and sampling.condition left out). */
function inProportion(config: FvConfig): FvConfig {
  const { class: _c, condition: _v, ...rest } = config.sampling;
  return { ...config, sampling: rest as FvConfig['sampling'] };
}

/**
 * Points per class of the quality panel's per-class W2 (visualization.n_w2_points caps each class's): an n×n
 * assignment per class holds the worker, and the whole W2 beside it has W2_POINTS.
 */
export const PER_CLASS_W2_POINTS = 500;

function perClassSettings(config: FvConfig): FvConfig {
  return { ...config, visualization: { ...config.visualization, n_w2_points: PER_CLASS_W2_POINTS } };
}

/** Whether a training run has been asked to stop (its live previews are then not worth starting). */
function stopping(running: { abort: AbortController } | undefined): boolean {
  return !!running?.abort.signal.aborted;
}
