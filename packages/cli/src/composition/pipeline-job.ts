import { existsSync, readFileSync } from 'node:fs';
import { inject, injectable, injectAll } from 'tsyringe';
import {
  DATASET,
  INTEGRATOR,
  PAIRING,
  PROBABILITY_PATH,
  RENDERER,
  VELOCITY_BACKEND,
  FvError,
  loadCheckpoint,
  modelSpecOf,
  outputLayout,
  sampleTarget,
  saveCheckpoint,
  train,
  visualize,
  writeResolvedConfig,
  type Dataset,
  type FvConfig,
  type Integrator,
  type Pairing,
  type ProbabilityPath,
  type Renderer,
  type TrainResult,
  type VelocityBackend,
  type VelocityModel,
  type VisualizeOutput,
  type EpochInfo,
} from '@flow-visualizer/core';
import { FV_CONFIG } from './tokens.js';

export interface JobIO {
  log(message: string): void;
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

  async train(io: JobIO, resume = false): Promise<TrainResult & { totalSeconds: number }> {
    const layout = this.layout;
    let resumeFrom: Parameters<typeof train>[3];
    let previousSeconds = 0;
    if (resume) {
      const { model, state } = await loadCheckpoint(this.backend, layout.checkpointDir);
      this.checkArchitecture(model);
      this.checkOptimizer(model);
      resumeFrom = { model, startEpoch: state.epochsDone, lossHistory: state.lossHistory };
      previousSeconds = state.trainSeconds;
      io.log(`Resuming from the checkpoint at epoch ${state.epochsDone} (training to epoch ${this.config.training.n_epochs}).`);
    }
    // Written only once the inputs are known good: a bad --resume must not replace the config of the last run.
    await writeResolvedConfig(this.config);
    const target = await sampleTarget(this.config, this.dataset);
    // The job creates the model (rather than letting train() do it) so that the checkpoint hook can save it.
    const model = resumeFrom?.model ?? (await this.backend.createModel(modelSpecOf(this.config)));
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
            await saveCheckpoint(model, this.state(info.epoch, history, previousSeconds + info.elapsedSeconds), layout.checkpointDir);
          }
        },
      },
      start,
      target,
    );
    const totalSeconds = previousSeconds + result.trainSeconds;
    await saveCheckpoint(model, this.state(result.epochsDone, result.lossHistory, totalSeconds), layout.checkpointDir);
    if (!result.interrupted) await model.save(layout.modelDir);
    return { ...result, totalSeconds };
  }

  private state(epochsDone: number, lossHistory: readonly number[], trainSeconds: number) {
    return { epochsDone, nEpochs: this.config.training.n_epochs, lossHistory: [...lossHistory], trainSeconds, backend: this.backend.id, savedAt: new Date().toISOString() };
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
  async visualize(io: JobIO, trained?: { model: VelocityModel; target: Float32Array; lossHistory: number[]; trainSeconds: number | null }): Promise<VisualizeOutput> {
    const layout = this.layout;
    let input = trained;
    if (!input) {
      const model = await this.backend.loadModel(layout.modelDir);
      this.checkArchitecture(model);
      await writeResolvedConfig(this.config);
      const previous = readPreviousMetrics(layout.metrics);
      input = { model, target: await sampleTarget(this.config, this.dataset), lossHistory: previous.loss_history ?? [], trainSeconds: previous.train_seconds ?? null };
    }
    return visualize({
      config: this.config,
      model: input.model,
      target: input.target,
      lossHistory: input.lossHistory,
      trainSeconds: input.trainSeconds,
      plugins: { integrator: this.integrator, renderers: this.renderers, dataset: this.dataset },
      log: io.log,
    });
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
