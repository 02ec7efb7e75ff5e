import { existsSync, readFileSync } from 'node:fs';
import type { FvConfig } from '../config/schema.js';
import { configToYaml } from '../config/to-yaml.js';
import path, { dirname } from 'node:path';
import { FvError, isFvError } from '../errors.js';
import { ensureWritableDir, outputError, writeFileAtomic } from '../io/atomic-write.js';
import type { VelocityModel } from '../ports/velocity-model.js';
import { checkpointConfig, checkResumeConfig } from './persistence/checkpoint-config.js';
import { recordedConfig } from './persistence/recorded-config.js';
import type { CheckpointState } from './persistence/checkpoint.js';
import { fileCheckpointStore, jsonMetricsWriter, runFolder, type CheckpointStore, type MetricsWriter, type RunFolder } from './persistence/run-services.js';
import type { Clock } from '../container/tokens.js';
import { readEvolution, writeEvolution, type EvolutionSnapshot } from './persistence/evolution-file.js';
import { outputLayout, type OutputLayout } from './persistence/layout.js';
import type { ResolvedPlugins } from './composition/plugins.js';
import { readReflowRecord, writeReflowRecord, type ReflowRecord } from './training/reflow.js';
import { checkArchitecture, checkOptimizer } from './persistence/resume-checks.js';
import { sampleTarget, train, type EpochInfo, type TrainResume } from './training/train.js';
import { visualize, type VisualizeOutput } from './sampling/visualize.js';

/** What the caller hears while the pipeline works; every hook is optional. */
export interface PipelineHooks {
  log?(message: string): void;
  onEpoch?(info: EpochInfo): void | Promise<void>;
  /** Aborting stops training at the end of the current epoch; the pipeline then saves a checkpoint, not the model. */
  signal?: AbortSignal;
  /** Called after each checkpoint is saved (every training.checkpoint_every epochs, and at the end). */
  onCheckpoint?(epochsDone: number, dir: string): void;
  /** Called before each renderer starts (progress while drawing). */
  onRender?(rendererId: string, index: number, count: number): void;
  onRenderPart?(rendererId: string, part: string, index: number, count: number): void;
}

/** A run that does not start from scratch (rectified flow): its model, its fixed couples, its record. */
export interface TrainStart {
  createModel(): Promise<VelocityModel>;
  /** x1 of each couple (what the model learns to reach) and x0 (where it starts), index by index. */
  target: Float32Array;
  source: Float32Array;
  /** A conditional reflow: each couple's raw condition (the one its x1 was made under). */
  conditions?: Float32Array;
  record: ReflowRecord;
}

export interface TrainOptions {
  /** Continue from <output.dir>/models/checkpoint. */
  resume?: boolean;
  /** With resume: go on although the data, model, objective, learning rate or seed differ from the checkpoint's. */
  allowConfigChange?: boolean;
  /** Start from a given model and fixed couples (fv reflow). */
  start?: TrainStart;
}

/** The one training state the pipeline hands from training to drawing (or reads back from the output folder). */
export interface TrainingState {
  model: VelocityModel;
  /** The dataset's training points (what the plots and quality figures compare with, also for reflow). */
  target: Float32Array;
  /** Every epoch's loss, those before a resume included. */
  lossHistory: number[];
  /** Seconds of training, sessions before a resume included; null when unknown (a model from elsewhere). */
  trainSeconds: number | null;
  epochsDone: number;
  interrupted: boolean;
  /** Snapshots of the samples while training, those before a resume included. */
  evolution: EvolutionSnapshot[];
  /** A reflow run's fixed couples (x0[i] → x1[i]): what it trained on, for its loss figures. */
  couples?: { x0: Float32Array; x1: Float32Array };
}

type Need<K extends keyof ResolvedPlugins> = Pick<ResolvedPlugins, K>;

/** The ports a pipeline works with, each an instance or a promise of one (a container's port resolves to a promise). */
export type PipelinePorts = { [K in keyof ResolvedPlugins]?: ResolvedPlugins[K] | Promise<ResolvedPlugins[K]> };

/** Where the pipeline writes; each defaults to the file-backed one, and a container hands in its own. */
export interface PipelineServices {
  folder: RunFolder;
  checkpoints: CheckpointStore;
  metrics: MetricsWriter;
  clock: Clock;
  /**
   * The folder of the config file (what data.options.file and plugin paths are relative to), so that config.yaml
   * and the checkpoint record absolute paths; default the working folder.
   */
  baseDir: string;
}

/**
 * The one orchestrator of train → sample → draw, over core's `train` and `visualize`. `fv run`, `fv train`,
 * `fv visualize`, `fv reflow`, `fv sample`, `fv compare-solvers` and the library's `run()` all go through it, so
 * checkpoints, resume checks, config.yaml and the interrupted-training path behave the same for each.
 * It writes files (the output folder), hence Node-only.
 */
export class Pipeline {
  readonly layout: OutputLayout;
  private readonly services: PipelineServices;

  /**
   * `plugins` may hold promises (asked for only when a step needs the port: a container's lazy ports);
   * `services` default to the files under config.output.dir.
   */
  constructor(readonly config: FvConfig, private readonly plugins: PipelinePorts, services: Partial<PipelineServices> = {}) {
    this.services = {
      folder: services.folder ?? runFolder(config.output.dir),
      checkpoints: services.checkpoints ?? fileCheckpointStore(),
      metrics: services.metrics ?? jsonMetricsWriter(),
      clock: services.clock ?? { now: () => new Date() },
      baseDir: services.baseDir ?? process.cwd(),
    };
    this.layout = this.services.folder.layout;
  }

  private async need<K extends keyof ResolvedPlugins>(...keys: K[]): Promise<Need<K>> {
    const out = {} as Need<K>;
    for (const k of keys) {
      const value = await this.plugins[k];
      if (!value) throw new FvError('INTERNAL', `The pipeline needs the ${k} plugin, which was not resolved.`);
      out[k] = value as Need<K>[K];
    }
    return out;
  }

  private async optional<K extends keyof ResolvedPlugins>(key: K): Promise<ResolvedPlugins[K] | undefined> {
    return (await this.plugins[key]) as ResolvedPlugins[K] | undefined;
  }

  /**
   * Trains (from scratch, from a checkpoint with `resume`, or from a reflow start), saving a checkpoint every
   * training.checkpoint_every epochs and at the end. A finished training also saves the model; an interrupted one
   * (hooks.signal aborted) saves only the checkpoint and returns `interrupted: true`.
   */
  async train(hooks: PipelineHooks = {}, opts: TrainOptions = {}): Promise<TrainingState> {
    const { dataset, backend, path } = await this.need('dataset', 'backend', 'path');
    const pairing = await this.optional('pairing');
    const store = this.services.checkpoints;
    const config = this.config, layout = this.layout, log = hooks.log ?? (() => undefined);
    await ensureWritableDir(layout.root);
    let resume: TrainResume | undefined;
    let previousSeconds = 0;
    if (opts.resume) {
      const { model, state, recovered } = await store.load(backend, layout.checkpointDir);
      if (recovered) log(recovered);
      checkArchitecture(config, model);
      if (state.epochsDone > config.training.n_epochs) {
        throw new FvError('USAGE', `The checkpoint is at epoch ${state.epochsDone}, past training.n_epochs=${config.training.n_epochs}.`, {
          hint: `Raise training.n_epochs above ${state.epochsDone} to train further.`,
        });
      }
      const changed = checkResumeConfig(state.config, recordedConfig(config, this.services.baseDir), opts.allowConfigChange ?? false);
      if (changed.length) log(`Resuming with changed settings (--allow-config-change): ${changed.join('; ')}.`);
      checkOptimizer(config, model);
      resume = { model, startEpoch: state.epochsDone, lossHistory: state.lossHistory };
      previousSeconds = state.trainSeconds;
      log(`Resuming from the checkpoint at epoch ${state.epochsDone} (training to epoch ${config.training.n_epochs}).`);
    } else if (opts.start) {
      // A reflow run starts from the base model's weights: epoch 0 of a model that already exists.
      resume = { model: await opts.start.createModel(), startEpoch: 0, lossHistory: [] };
    }
    // config.yaml (and the reflow record) describe the model beside them, so they are written only once this run's
    // model is saved (or, for an interrupted run, its last checkpoint): a run that fails on the way (a full disk,
    // a file where models/ should be) leaves the previous run's config beside the previous run's model.
    const commitConfig = async () => {
      await writeResolvedConfig(config, this.services.baseDir);
      await writeReflowRecord(layout.root, opts.start?.record);
    };
    const checkpoint = async (model: VelocityModel, epochsDone: number, lossHistory: readonly number[], seconds: number) => {
      try {
        await store.save(model, this.checkpointState(backend.id, epochsDone, lossHistory, seconds), layout.checkpointDir);
      } catch (e) {
        throw isFvError(e) ? e : outputError(layout.checkpointDir, e);
      }
      hooks.onCheckpoint?.(epochsDone, layout.checkpointDir);
    };
    // Fails before training when models/ cannot hold the checkpoint (e.g. a file stands there).
    await ensureWritableDir(dirname(layout.checkpointDir));
    const target = await sampleTarget(config, dataset);
    const result = await train({
      config,
      plugins: { dataset, backend, path, pairing, source: await this.optional('source') },
      hooks: {
        signal: hooks.signal,
        log,
        onEpoch: hooks.onEpoch,
        checkpoint: (p) => checkpoint(p.model, p.epochsDone, p.lossHistory, previousSeconds + p.elapsedSeconds),
      },
      resume,
      target: opts.start?.target ?? target,
      source: opts.start?.source,
      conditions: opts.start?.conditions,
    });
    const trainSeconds = previousSeconds + result.trainSeconds;
    // The interrupted path and the finished one differ in this line only: the model is saved when training is done.
    await checkpoint(result.model, result.epochsDone, result.lossHistory, trainSeconds);
    if (!result.interrupted) await result.model.save(layout.modelDir);
    await commitConfig();
    // A resumed run keeps the snapshots taken before the interruption; kept for a later `fv visualize` and resume.
    const before = resume && opts.resume ? ((await readEvolution(layout.evolution)) ?? []).filter((e) => e.epoch <= resume!.startEpoch) : [];
    const evolution = [...before, ...result.evolution];
    if (evolution.length) await writeEvolution(layout.evolution, evolution);
    // The plots and quality figures compare with the dataset, also when training learned couples.
    const couples = opts.start ? { x0: opts.start.source, x1: opts.start.target } : undefined;
    return { model: result.model, target, lossHistory: result.lossHistory, trainSeconds, epochsDone: result.epochsDone, interrupted: result.interrupted, evolution, ...(couples ? { couples } : {}) };
  }

  /**
   * Loads the saved model (<output.dir>/models/velocity_net), refusing one that is not the config's network, or
   * whose finished training (its checkpoint) had another dataset or flow than the config says.
   */
  async loadModel(): Promise<VelocityModel> {
    const { backend } = await this.need('backend');
    const model = await backend.loadModel(this.layout.modelDir);
    try {
      checkArchitecture(this.config, model);
      this.checkTrainedWith();
    } catch (e) {
      model.dispose();
      throw e;
    }
    return model;
  }

  /** The saved run as a training state: its model, the dataset's points, the loss history of its checkpoint. */
  async loadTrained(): Promise<TrainingState> {
    const { dataset } = await this.need('dataset');
    const model = await this.loadModel();
    const past = this.pastTraining();
    return { model, target: await sampleTarget(this.config, dataset), lossHistory: past.lossHistory, trainSeconds: past.trainSeconds, epochsDone: past.lossHistory.length, interrupted: false, evolution: [] };
  }

  /**
   * Samples and draws a training state (the saved run's when none is given). When it draws a saved run, it writes
   * config.yaml only after the drawing succeeded: a failed `fv visualize` leaves the previous one as it was.
   */
  async visualize(hooks: PipelineHooks = {}, trained?: TrainingState): Promise<VisualizeOutput> {
    const { integrator, renderers } = await this.need('integrator', 'renderers');
    const input = trained ?? (await this.loadTrained());
    const out = await visualize({
      config: this.config,
      model: input.model,
      target: input.target,
      lossHistory: input.lossHistory,
      trainSeconds: input.trainSeconds,
      evolution: trained ? input.evolution : undefined,
      couples: input.couples,
      plugins: { integrator, renderers, dataset: await this.optional('dataset'), path: await this.optional('path'), pairing: await this.optional('pairing'), likelihoodIntegrator: await this.optional('likelihoodIntegrator'), source: await this.optional('source'), assignment: await this.optional('assignment') },
      writeMetrics: this.services.metrics,
      log: hooks.log,
      onRender: hooks.onRender,
      onRenderPart: hooks.onRenderPart,
      extraMetrics: reflowMetrics(this.layout.root),
      keepRecord: !trained,
    });
    // config.yaml records how the model beside it was trained, which a drawing does not change: a redrawing writes
    // it only for a model that has none (one from elsewhere).
    if (!trained && !existsSync(this.layout.config)) await writeResolvedConfig(this.config, this.services.baseDir);
    return out;
  }

  /** The run's checkpoint state, or undefined when there is none or it is damaged: a damaged checkpoint does not stop a drawing; only a resume needs it. */
  private savedCheckpointState(): CheckpointState | undefined {
    const store = this.services.checkpoints;
    const folder = store.folder(this.layout.checkpointDir);
    try {
      return folder ? store.readState(folder) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The loss history and training time of the saved model: from its checkpoint when that finished the same run
   * (the checkpoint holds them), else from an earlier metrics.json (a model trained before checkpoints existed).
   */
  private pastTraining(): { lossHistory: number[]; trainSeconds: number | null } {
    const state = this.savedCheckpointState();
    if (state && state.epochsDone === state.nEpochs) return { lossHistory: state.lossHistory, trainSeconds: state.trainSeconds };
    const previous = readPreviousMetrics(this.layout.metrics);
    return { lossHistory: previous.loss_history ?? [], trainSeconds: previous.train_seconds ?? null };
  }

  /** The settings the saved model was trained with (its finished checkpoint's) that decide what it draws. */
  private checkTrainedWith(): void {
    const state = this.savedCheckpointState();
    const saved = state?.epochsDone === state?.nEpochs ? state?.config : undefined;
    if (!saved) return;
    const pick = (c: Record<string, unknown>): Record<string, unknown> => {
      const d = (c.data ?? {}) as Record<string, unknown>, f = (c.flow ?? {}) as Record<string, unknown>;
      return { 'data.name': d.name, 'flow.path': f.path, 'flow.pairing': f.pairing };
    };
    const was = pick(saved), now = pick(checkpointConfig(this.config));
    const diff = Object.keys(was).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]));
    if (diff.length) {
      const shown = path.relative(process.cwd(), this.layout.root) || this.layout.root;
      throw new FvError('CHECKPOINT_MISMATCH', `The model in ${shown} was trained with other settings than this config: ${diff.map((k) => `${k}: ${JSON.stringify(was[k])} there, ${JSON.stringify(now[k])} here`).join('; ')}.`, {
        hint: `Use that run's own config (--config ${path.join(shown, 'config.yaml')}), or point output.dir at the run this config trained.`,
      });
    }
  }

  private checkpointState(backend: string, epochsDone: number, lossHistory: readonly number[], trainSeconds: number): CheckpointState {
    return { epochsDone, nEpochs: this.config.training.n_epochs, lossHistory: [...lossHistory], trainSeconds, backend, savedAt: this.services.clock.now().toISOString(), config: checkpointConfig(recordedConfig(this.config, this.services.baseDir)) };
  }
}

/**
 * Writes the resolved config to <output.dir>/config.yaml (after checking the folder is writable), its paths
 * absolute (recordedConfig): `--config <run>/config.yaml` then means this run from any working folder.
 */
export async function writeResolvedConfig(config: FvConfig, baseDir?: string): Promise<string> {
  const layout = outputLayout(config.output.dir);
  await ensureWritableDir(layout.root);
  await writeFileAtomic(layout.config, configToYaml(recordedConfig(config, baseDir)));
  return layout.config;
}

function readPreviousMetrics(file: string): { loss_history?: number[]; train_seconds?: number } {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/** A reflow run says where it came from in metrics.json too, however often it is redrawn. */
function reflowMetrics(root: string): Record<string, unknown> | undefined {
  const record = readReflowRecord(root);
  return record && { reflow: record };
}
