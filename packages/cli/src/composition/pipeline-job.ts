import { existsSync, readFileSync } from 'node:fs';
import { inject, injectable, injectAll } from 'tsyringe';
import { DATASET, INTEGRATOR, PAIRING, PROBABILITY_PATH, RENDERER, VELOCITY_BACKEND, FvError, checkResumeConfig, checkpointConfig, modelSpecOf, sampleTarget, train, type EvolutionSnapshot, type Dataset, type FvConfig, type Integrator, type Pairing, type ProbabilityPath, type Renderer, type TrainResult, type VelocityBackend, type VelocityModel, type EpochInfo } from '@flow-visualizer/core';
import {
  loadCheckpoint,
  outputLayout,
  saveCheckpoint,
  visualize,
  writeResolvedConfig,
  writeEvolution,
  readEvolution,
  readReflowRecord,
  writeReflowRecord,
  type ReflowRecord,
  type VisualizeOutput,
} from '@flow-visualizer/core/node';
import { FV_CONFIG } from './tokens.js';

/** A run that does not start from scratch (rectified flow): its model, its fixed couples, its record. */
export interface TrainStart {
  createModel(): Promise<VelocityModel>;
  /** x1 of each couple (what the model learns to reach) and x0 (where it starts), index by index. */
  target: Float32Array;
  source: Float32Array;
  record: ReflowRecord;
}

export interface JobIO {
  log(message: string): void;
  /** Called before each renderer starts (progress while drawing). */
  onRender?(rendererId: string, index: number, count: number): void;
  onRenderPart?(rendererId: string, part: string, index: number, count: number): void;
  onEpoch(info: EpochInfo): void;
  signal?: AbortSignal;
}

/**
 * The run, as the cli composes it from the container: train (with checkpoints, Ctrl-C and --resume), then
 * sample and draw. The work itself is core's train/visualize; this class only wires the ports together.
 */
@injectable()
export class PipelineJob {
  constructor(
    @inject(FV_CONFIG) private readonly config: FvConfig,
    @inject(DATASET) private readonly dataset: Dataset,
    @inject(VELOCITY_BACKEND) private readonly backend: VelocityBackend,
    @inject(PROBABILITY_PATH) private readonly path: ProbabilityPath,
    @inject(PAIRING) private readonly pairing: Pairing,
    @inject(INTEGRATOR) private readonly integrator: Integrator,
    @injectAll(RENDERER) private readonly renderers: Renderer[],
  ) {}

  private get layout() {
    return outputLayout(this.config.output.dir);
  }

  async train(io: JobIO, opts: { resume?: boolean; allowConfigChange?: boolean } = {}, from?: TrainStart): Promise<TrainResult & { totalSeconds: number }> {
    const layout = this.layout;
    let resumeFrom: Parameters<typeof train>[3];
    let previousSeconds = 0;
    if (opts.resume) {
      const { model, state } = await loadCheckpoint(this.backend, layout.checkpointDir);
      this.checkArchitecture(model);
      if (state.epochsDone > this.config.training.n_epochs) {
        throw new FvError('USAGE', `The checkpoint is at epoch ${state.epochsDone}, past training.n_epochs=${this.config.training.n_epochs}.`, {
          hint: `Raise training.n_epochs above ${state.epochsDone} to train further.`,
        });
      }
      const changed = checkResumeConfig(state.config, this.config, opts.allowConfigChange ?? false);
      if (changed.length) io.log(`Resuming with changed settings (--allow-config-change): ${changed.join('; ')}.`);
      this.checkOptimizer(model);
      resumeFrom = { model, startEpoch: state.epochsDone, lossHistory: state.lossHistory };
      previousSeconds = state.trainSeconds;
      io.log(`Resuming from the checkpoint at epoch ${state.epochsDone} (training to epoch ${this.config.training.n_epochs}).`);
    }
    // config.yaml is written with the first thing this run saves (a checkpoint or the model), never before: a
    // command that fails earlier leaves the previous run's config beside the previous run's model.
    let configWritten = false;
    const commitConfig = async () => {
      if (!configWritten) {
        await writeResolvedConfig(this.config);
        await writeReflowRecord(layout.root, from?.record);
      }
      configWritten = true;
    };
    const target = await sampleTarget(this.config, this.dataset);
    // The job creates the model (rather than letting train() do it) so that the checkpoint hook can save it.
    const model = resumeFrom?.model ?? (from ? await from.createModel() : await this.backend.createModel(modelSpecOf(this.config)));
    const start = resumeFrom ?? { model, startEpoch: 0, lossHistory: [] };
    const history = [...start.lossHistory];
    const every = this.config.training.checkpoint_every;
    const result = await train(
      this.config,
      { dataset: this.dataset, backend: this.backend, path: this.path, pairing: this.pairing },
      {
        signal: io.signal,
        log: io.log,
        onEpoch: async (info) => {
          history.push(info.loss);
          io.onEpoch(info);
          if (every > 0 && info.epoch % every === 0 && info.epoch < info.nEpochs) {
            await commitConfig();
            await saveCheckpoint(model, this.state(info.epoch, history, previousSeconds + info.elapsedSeconds), layout.checkpointDir);
          }
        },
      },
      start,
      from?.target ?? target,
      from?.source,
    );
    const totalSeconds = previousSeconds + result.trainSeconds;
    await commitConfig();
    await saveCheckpoint(model, this.state(result.epochsDone, result.lossHistory, totalSeconds), layout.checkpointDir);
    if (!result.interrupted) await model.save(layout.modelDir);
    // The training record: a resumed run keeps the snapshots taken before the interruption. Kept for a later
    // `fv visualize` (and for a resume) even when interrupted.
    const before = resumeFrom ? ((await readEvolution(layout.evolution)) ?? []).filter((e) => e.epoch <= resumeFrom!.startEpoch) : [];
    const evolution = [...before, ...result.evolution];
    if (evolution.length) await writeEvolution(layout.evolution, evolution);
    // The plots and quality figures compare with the dataset, also when training learned couples.
    return { ...result, target, evolution, totalSeconds };
  }

  private state(epochsDone: number, lossHistory: readonly number[], trainSeconds: number) {
    return { epochsDone, nEpochs: this.config.training.n_epochs, lossHistory: [...lossHistory], trainSeconds, backend: this.backend.id, savedAt: new Date().toISOString(), config: checkpointConfig(this.config) };
  }

  private checkArchitecture(model: VelocityModel): void {
    const m = this.config.model;
    const s = model.spec;
    const saved = s.architecture ?? 'mlp';
    if (saved !== m.architecture || (saved === 'resmlp' && (s.width !== m.width || s.nBlocks !== m.n_blocks))) {
      const say = (a: string, w?: number, b?: number) => (a === 'resmlp' ? `resmlp (width ${w}, ${b} blocks)` : a);
      throw new FvError('MODEL_INVALID', `The saved model is a ${say(saved, s.width, s.nBlocks)}, but the config asks for a ${say(m.architecture, m.width, m.n_blocks)}.`, {
        hint: 'Use the config the model was trained with (it is saved as <output.dir>/config.yaml), or train a new model.',
      });
    }
    if (saved === 'mlp' && (s.timeEmbedDim !== m.time_embed_dim || s.hiddenDims.join(',') !== m.hidden_dims.join(','))) {
      throw new FvError('MODEL_INVALID', `The saved model has hidden_dims [${s.hiddenDims.join(', ')}] and time_embed_dim ${s.timeEmbedDim}, but the config asks for [${m.hidden_dims.join(', ')}] and ${m.time_embed_dim}.`, {
        hint: 'Use the config the model was trained with (it is saved as <output.dir>/config.yaml), or train a new model.',
      });
    }
  }

  /** A resumed run goes on with the saved optimiser (its schedule's length included): say so when the config differs. */
  private checkOptimizer(model: VelocityModel): void {
    const saved = model.spec.optimizer, wanted = modelSpecOf(this.config).optimizer;
    // A constant rate does not depend on the run's length: n_epochs may then grow on resume, as with plain Adam.
    const key = (o: typeof saved) => JSON.stringify(o ? { ...o, totalSteps: o.schedule === 'constant' ? 0 : o.totalSteps } : null);
    if (key(saved) === key(wanted)) return;
    const say = (o: typeof saved) => (o ? `${o.kind}, weight_decay ${o.weightDecay}, grad_clip ${o.gradClip}, ${o.schedule} over ${o.totalSteps} steps, warm-up ${o.warmupSteps}` : 'plain adam, constant rate');
    throw new FvError('USAGE', `The checkpoint was trained with ${say(saved)}; the config asks for ${say(wanted)}.`, {
      hint: 'Resume with the optimiser keys (and, for a decaying schedule, training.n_epochs) of the run being resumed, or train a new model.',
    });
  }

  /** Samples and draws a trained model; loads the saved one when none is given. */
  async visualize(io: JobIO, trained?: { model: VelocityModel; target: Float32Array; lossHistory: number[]; trainSeconds: number | null; evolution?: EvolutionSnapshot[] }): Promise<VisualizeOutput> {
    const layout = this.layout;
    let input = trained;
    if (!input) {
      const model = await this.backend.loadModel(layout.modelDir);
      this.checkArchitecture(model);
      const previous = readPreviousMetrics(layout.metrics);
      input = { model, target: await sampleTarget(this.config, this.dataset), lossHistory: previous.loss_history ?? [], trainSeconds: previous.train_seconds ?? null };
    }
    const out = await visualize({
      config: this.config,
      model: input.model,
      target: input.target,
      lossHistory: input.lossHistory,
      trainSeconds: input.trainSeconds,
      evolution: input.evolution,
      plugins: { integrator: this.integrator, renderers: this.renderers, dataset: this.dataset, path: this.path, pairing: this.pairing },
      log: io.log,
      onRender: io.onRender,
      onRenderPart: io.onRenderPart,
      extraMetrics: reflowMetrics(layout.root),
    });
    // Only now, when the drawing succeeded: a failed `fv visualize` leaves the previous config.yaml as it was.
    if (!trained) await writeResolvedConfig(this.config);
    return out;
  }
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
