import type { FvConfig } from '../../config/schema.js';
import type { Dataset } from '../../ports/dataset.js';
import type { VelocityBackend } from '../../ports/backend.js';
import type { ModelSpec, VelocityModel } from '../../ports/velocity-model.js';
import type { Pairing, ProbabilityPath } from '../../ports/probability-path.js';
import { createRng, type Rng } from '../../rng.js';
import { nextTurn } from './next-turn.js';
import { assertPoints, pointCount } from '../../points.js';
import { drawEpochBatches, pairingLabel, type EpochBatches } from './epoch-batches.js';
import { PairingPool, pairingWorkerCount } from '../pairing/pairing-pool.js';
import { FvError } from '../../errors.js';
import { EvolutionRecorder, EVOLUTION_POINTS, type EvolutionSnapshot } from './evolution.js';
import { timeSamplerOf } from './time-sampling.js';
import { fourierSpecOf } from './fourier-spec.js';
import type { PointSource } from '../sampling/source.js';
import type { ConditionSpec } from '../../ports/velocity-model.js';
import type { PairingConditions } from '../../ports/probability-path.js';
import { conditionInputDim, conditionSpecOf, coordinateOf, dropMask, encodeConditions, modelConditions, pairingConditionsOf } from '../conditions/encoding.js';
import { conditionedModel, proportionalConditions } from '../conditions/conditioned-model.js';

export interface EpochInfo {
  epoch: number;
  nEpochs: number;
  loss: number;
  epochSeconds: number;
  elapsedSeconds: number;
}

export interface TrainHooks {
  onEpoch?(info: EpochInfo): void | Promise<void>;
  log?(message: string): void;
  /** Aborting stops at the end of the current epoch (so a resume is exact); train resolves with `interrupted: true`. */
  signal?: AbortSignal;
  /**
   * Called every `training.checkpoint_every` epochs (not after the last one) with the model and the state so far,
   * so that the caller can save a resumable checkpoint. Training waits for it.
   */
  checkpoint?(state: CheckpointPoint): void | Promise<void>;
}

/** What a checkpoint hook receives: the model being trained and where training stands. */
export interface CheckpointPoint {
  model: VelocityModel;
  epochsDone: number;
  lossHistory: readonly number[];
  /** Seconds of this session's training so far. */
  elapsedSeconds: number;
}

export interface TrainResume {
  model: VelocityModel;
  /** Epochs already done. */
  startEpoch: number;
  lossHistory: number[];
}

export interface TrainResult {
  model: VelocityModel;
  target: Float32Array;
  lossHistory: number[];
  trainSeconds: number;
  /** Epochs completed (n_epochs unless interrupted). */
  epochsDone: number;
  interrupted: boolean;
  /** The samples at `training.evolution_snapshots` moments of this session's training (same noise each time). */
  evolution: EvolutionSnapshot[];
}

export interface TrainPlugins {
  dataset: Dataset;
  backend: VelocityBackend;
  path: ProbabilityPath;
  pairing?: Pairing;
  /** Where the flow starts (`source:`); absent: the standard Gaussian. */
  source?: PointSource;
}

/** The network of a config; a conditional run's also needs what it conditions on (conditionSpecOf). */
export function modelSpecOf(config: FvConfig, condition?: ConditionSpec): ModelSpec {
  return {
    dataDim: config.model.data_dim,
    timeEmbedDim: config.model.time_embed_dim,
    hiddenDims: [...config.model.hidden_dims],
    learningRate: config.training.learning_rate,
    seed: config.training.seed,
    emaDecay: config.training.ema_decay,
    ...(config.model.architecture === 'resmlp' ? { architecture: 'resmlp' as const, width: config.model.width, nBlocks: config.model.n_blocks } : {}),
    ...(config.model.architecture === 'resnet'
      ? { architecture: 'resnet' as const, width: config.model.width, nBlocks: config.model.n_blocks, expansion: config.model.expansion, activation: config.model.activation }
      : {}),
    ...optimizerSpecOf(config),
    ...(config.model.fourier_features > 0 ? { fourier: fourierSpecOf(config) } : {}),
    ...(condition ? { condDim: conditionInputDim(condition), condition } : {}),
  };
}

/** The optimizer part of the spec; none (plain Adam, as ever) when every optimiser key is at its default. */
function optimizerSpecOf(config: FvConfig): Pick<ModelSpec, 'optimizer'> {
  const t = config.training;
  if (t.optimizer === 'adam' && t.weight_decay === 0 && t.grad_clip === 0 && t.lr_schedule === 'constant' && t.warmup_steps === 0) return {};
  const n = config.data.n_samples;
  const stepsPerEpoch = Math.ceil(n / Math.min(t.batch_size, n));
  return {
    optimizer: { kind: t.optimizer, weightDecay: t.weight_decay, gradClip: t.grad_clip, schedule: t.lr_schedule, warmupSteps: t.warmup_steps, totalSteps: t.n_epochs * stepsPerEpoch },
  };
}

/** Draws the target points for a config: the same seed always gives the same points. */
export async function sampleTarget(config: FvConfig, dataset: Dataset): Promise<Float32Array> {
  return drawPoints(dataset, config.data.n_samples, createRng(config.training.seed, 'data'));
}

/**
 * The target points of `sampleTarget` (the same points, same seed) with their classes, when the dataset has
 * labels; `labels` and `classNames` are absent for a dataset without them.
 */
export async function sampleTargetLabelled(config: FvConfig, dataset: Dataset): Promise<{ points: Float32Array; labels?: Int32Array; classNames?: readonly string[] }> {
  const n = config.data.n_samples;
  if (!dataset.sampleLabelled || !dataset.classNames) return { points: await sampleTarget(config, dataset) };
  const { points, labels } = await dataset.sampleLabelled(n, createRng(config.training.seed, 'data'));
  assertPoints(points, n, `Dataset '${dataset.id}'`);
  const k = dataset.classNames.length;
  if (labels.length !== n || labels.some((l) => !(l >= 0 && l < k))) {
    throw new FvError('DATA_INVALID', `Dataset '${dataset.id}' returned labels that are not one integer in 0…${k - 1} per point.`);
  }
  return { points, labels, classNames: dataset.classNames };
}

/**
 * Points of the dataset and, for a run conditioned on classes, their labels (the same points either way: a
 * labelled draw returns what `sample` does with the same stream).
 */
async function drawConditioned(dataset: Dataset, n: number, rng: Rng, condition: ConditionSpec | undefined): Promise<{ points: Float32Array; labels?: Int32Array }> {
  if (condition?.on !== 'class') return { points: await drawPoints(dataset, n, rng) };
  const { points, labels } = await dataset.sampleLabelled!(n, rng);
  assertPoints(points, n, `Dataset '${dataset.id}'`);
  if (labels.length !== n || labels.some((l) => !(l >= 0 && l < condition.classes!))) {
    throw new FvError('DATA_INVALID', `Dataset '${dataset.id}' returned labels that are not one integer in 0…${condition.classes! - 1} per point.`);
  }
  return { points, labels };
}

/** The raw conditions of a run's data points (encoding.ts): their classes' codes, or their coordinate. */
export function dataConditions(condition: ConditionSpec, points: Float32Array, labels?: Int32Array): PairingConditions {
  return pairingConditionsOf(condition, encodeConditions(condition, condition.on === 'class' ? labels! : coordinateOf(condition, points)));
}

async function drawPoints(dataset: Dataset, n: number, rng: Rng): Promise<Float32Array> {
  const points = await dataset.sample(n, rng);
  assertPoints(points, n, `Dataset '${dataset.id}'`);
  return points;
}

/** Source points of a dataset source: source.n_samples of them (0: as many as the data), the same for the same seed. */
export async function sampleSourceSet(config: FvConfig, source: PointSource, rng: Rng = createRng(config.training.seed, 'source')): Promise<Float32Array> {
  return source.draw(config.source.n_samples || config.data.n_samples, rng);
}

/** Points paired together: flow.pairing_batch (a multiple of the gradient batch), or the gradient batch. */
export function pairingBatchOf(config: FvConfig, n: number): number {
  const bs = Math.min(config.training.batch_size, n);
  const pb = config.flow.pairing_batch;
  if (pb === 0) return bs;
  if (pb % config.training.batch_size !== 0) {
    throw new FvError('CONFIG_INVALID', `flow.pairing_batch=${pb} is not a multiple of training.batch_size=${config.training.batch_size}.`, {
      hint: `Pair a whole number of gradient batches, e.g. flow.pairing_batch=${4 * config.training.batch_size}.`,
    });
  }
  return Math.min(pb, n);
}

/** The random stream of training epoch `epoch`: resuming at any epoch gives the batches a full run would. */
export function epochRng(seed: number, epoch: number): Rng {
  return createRng(seed, `epoch-${epoch}`);
}

/**
 * Trains the velocity model with the flow-matching objective: for each minibatch of data x1, noise x0 ~ N(0, I)
 * and t ~ U[0, 1] (or `training.time_sampling`), optionally re-paired, the path gives (x_t, u_t) and the model regresses v(x_t, t) onto u_t.
 * With `source` (rectified flow), x0 of target point i is source point i: the couples are fixed, never re-paired.
 */
export async function train(input: TrainInput): Promise<TrainResult>;
/** @deprecated Pass one object: `train({ config, plugins, hooks, resume, target, source })`. The positional form goes in the next release. */
export async function train(config: FvConfig, plugins: TrainPlugins, hooks?: TrainHooks, resume?: TrainResume, target?: Float32Array, source?: Float32Array): Promise<TrainResult>;
export async function train(
  first: TrainInput | FvConfig,
  plugins?: TrainPlugins,
  hooks?: TrainHooks,
  resume?: TrainResume,
  target?: Float32Array,
  source?: Float32Array,
): Promise<TrainResult> {
  if (isTrainInput(first)) return trainWith(first);
  warnPositionalTrain();
  return trainWith({ config: first, plugins: plugins!, hooks, resume, target, source });
}

/** What `train` is given, by name. */
export interface TrainInput {
  /** The resolved config (`resolveConfig`, or `validateWith(ConfigSchema, …)` in a browser). */
  config: FvConfig;
  /** The dataset, backend, path and (optionally) pairing and source instances: `resolvePlugins(…)` makes them. */
  plugins: TrainPlugins;
  /** Per-epoch callback, log, abort signal, checkpoint hook. */
  hooks?: TrainHooks;
  /** Continue a model from a checkpoint. */
  resume?: TrainResume;
  /** The target points (default: `data.n_samples` drawn from the dataset with the config's seed). */
  target?: Float32Array;
  /** Fixed source points coupled one to one with the target (rectified flow); no pairing is applied to them. */
  source?: Float32Array;
  /**
   * A conditional model's fixed couples (conditional rectified flow): the raw condition of each couple
   * (encodeConditions), the one its x1 was made under; the target points' own labels or coordinates are not used.
   */
  conditions?: Float32Array;
}

function isTrainInput(x: TrainInput | FvConfig): x is TrainInput {
  return typeof x === 'object' && x !== null && 'config' in x && 'plugins' in x;
}

let warnedPositional = false;
/** Once per process (or page): callers of the old form see how to move, without a line per call. */
function warnPositionalTrain(): void {
  if (warnedPositional) return;
  warnedPositional = true;
  console.warn('[@flow-visualizer/core] train(config, plugins, hooks, resume, target, source) is deprecated: call train({ config, plugins, hooks, resume, target, source }).');
}

async function trainWith({ config, plugins, hooks = {}, resume, target, source, conditions: coupleConditions }: TrainInput): Promise<TrainResult> {
  const condition = conditionSpecOf(config, plugins.dataset.classNames);
  if (!condition && plugins.pairing?.id === 'c2ot') {
    throw new FvError('CONFIG_INVALID', 'flow.pairing=c2ot couples by condition, but model.conditional is false.', { hint: 'Set model.conditional=true (C²OT is for conditional flows), or use flow.pairing=ot.' });
  }
  // Conditional couples carry their own conditions; a conditional model's couples without them would train on the
  // target points' labels, which belong to other points.
  if (condition && source && !coupleConditions) throw new FvError('INTERNAL', 'The couples of a conditional reflow came without their conditions.');
  if (coupleConditions && !condition) throw new FvError('INTERNAL', 'Couple conditions were given for an unconditional model.');
  // A conditional run draws its points with their labels (the same points sampleTarget gives for this seed).
  const labelled = condition && !target ? await drawConditioned(plugins.dataset, config.data.n_samples, createRng(config.training.seed, 'data'), condition) : undefined;
  const data = target ?? labelled?.points ?? (await sampleTarget(config, plugins.dataset));
  const dataLabels = condition?.on === 'class' && !coupleConditions ? (labelled?.labels ?? (await sampleTargetLabelled(config, plugins.dataset)).labels) : undefined;
  const n = pointCount(data);
  if (source && source.length !== data.length) throw new FvError('INTERNAL', `The coupled source has ${pointCount(source)} points, the target ${n}.`);
  const fixedConditions = condition && coupleConditions ? pairingConditionsOf(condition, coupleConditions) : undefined;
  if (fixedConditions && fixedConditions.c.length !== n * fixedConditions.dim) throw new FvError('INTERNAL', `The couples have ${fixedConditions.c.length / fixedConditions.dim} conditions for ${n} points.`);
  // Fixed couples (rectified flow) are already paired: no pairing is applied to them.
  const pairing = source ? undefined : plugins.pairing;
  const { n_epochs: nEpochs, batch_size: batchSize, seed } = config.training;
  if (resume && resume.startEpoch > nEpochs) {
    throw new FvError('USAGE', `The checkpoint is at epoch ${resume.startEpoch}, past training.n_epochs=${nEpochs}.`, {
      hint: `Raise training.n_epochs above ${resume.startEpoch} to train further.`,
    });
  }
  const model = resume?.model ?? (await plugins.backend.createModel(modelSpecOf(config, condition)));
  const lossHistory = resume ? [...resume.lossHistory] : [];
  const start = performance.now();
  const bs = Math.min(batchSize, n);
  // Pairing may see several gradient batches at once (OT over 1,024 points, then 4 steps of 256).
  const pairBatch = source ? bs : pairingBatchOf(config, n);
  const fresh = config.training.fresh_data && !source;
  const dataSource = plugins.source && !plugins.source.standard && !source ? plugins.source : undefined;
  const fixedSourceSet = dataSource && !fresh ? await sampleSourceSet(config, dataSource) : undefined;
  let interrupted = false;
  let epoch = resume?.startEpoch ?? 0;
  const pool = pairing ? PairingPool.start(pairing.worker, pairingWorkerCount(config.flow.pairing_workers)) : undefined;
  // With a pool, the next epoch's batches are drawn and queued for pairing while this one trains. With
  // training.fresh_data each epoch draws its own data (and source) points from its own stream.
  const times = timeSamplerOf(config);
  const prepare = async (e: number): Promise<EpochBatches> => {
    const drawn = fresh ? await drawConditioned(plugins.dataset, config.data.n_samples, createRng(seed, `epoch-${e}/data`), condition) : { points: data, labels: dataLabels };
    const epochData = drawn.points;
    const sourceSet = dataSource ? (fixedSourceSet ?? (await sampleSourceSet(config, dataSource, createRng(seed, `epoch-${e}/source`)))) : undefined;
    const conditions = fixedConditions ?? (condition ? dataConditions(condition, epochData, drawn.labels) : undefined);
    const batches = drawEpochBatches(epochData, pairBatch, epochRng(seed, e), source, sourceSet, times, conditions);
    const shared = pool?.submit(batches, seed, batches.map((_, k) => pairingLabel(e, k)));
    return { batches, shared };
  };
  let next: Promise<EpochBatches> | undefined;
  const evolutionStart = plugins.source && !plugins.source.standard ? await plugins.source.draw(EVOLUTION_POINTS, createRng(seed, 'evolution').fork('noise')) : undefined;
  const evolution = new EvolutionRecorder(data, nEpochs, config.training.evolution_snapshots, seed, evolutionStart);
  // A conditional model's evolution samples carry the data's own conditions, in their proportions.
  const evolutionModel = condition ? conditionedModel(model, proportionalConditions(condition, (fixedConditions ?? dataConditions(condition, data, dataLabels)).c)) : model;
  let byWorkers = 0, pairedBatches = 0;
  if (pool) hooks.log?.(`Pairing '${pairing!.id}' runs on ${pool.size} worker thread${pool.size > 1 ? 's' : ''} beside training (each batch paired by whichever thread gets to it first).`);

  try {
    for (; epoch < nEpochs; epoch++) {
      // Let the event loop turn once per epoch: the backend's steps may all resolve as microtasks, and without this
      // a Ctrl-C (SIGINT handler) could not be seen until training ends.
      await nextTurn();
      if (hooks.signal?.aborted) {
        interrupted = true;
        break;
      }
      const epochStart = performance.now();
      const current = await (next ?? prepare(epoch));
      next = pool && epoch + 1 < nEpochs ? prepare(epoch + 1) : undefined;
      let sum = 0, batches = 0;
      for (let k = 0; k < current.batches.length; k++) {
        const { x0, x1, t, conditions } = current.batches[k];
        const pairHere = () => pairing!.pair(x0, x1, createRng(seed, pairingLabel(epoch, k)), conditions);
        const paired = current.shared ? current.shared.take(k, pairHere) : pairing ? pairHere() : x0;
        const m = t.length;
        // One gradient step per slice of batch_size of the paired batch (one slice unless flow.pairing_batch).
        for (let s = 0; s < m; s += bs) {
          const e = Math.min(m, s + bs);
          const whole = s === 0 && e === m;
          const b = plugins.path.batch(whole ? paired : paired.subarray(2 * s, 2 * e), whole ? x1 : x1.subarray(2 * s, 2 * e), whole ? t : t.subarray(s, e), createRng(seed, `${pairingLabel(epoch, k)}/path-${s}`));
          // A conditional step: its points' conditions, each dropped to the null token with training.cond_dropout.
          const c = condition && conditions ? stepConditions(condition, conditions, s, e, config.training.cond_dropout, createRng(seed, `${pairingLabel(epoch, k)}/dropout-${s}`)) : undefined;
          const loss = await model.trainStep(c ? { x: b.xt, t: b.t, target: b.ut, c } : { x: b.xt, t: b.t, target: b.ut });
          if (!Number.isFinite(loss)) {
            throw new FvError('INTERNAL', `Training diverged at epoch ${epoch + 1}: the loss is ${loss}.`, {
              hint: 'Lower training.learning_rate (e.g. training.learning_rate=0.001).',
            });
          }
          sum += loss;
          batches++;
        }
      }
      if (current.shared) {
        const c = current.shared.counts();
        byWorkers += c.workers;
        pairedBatches += current.batches.length;
      }
      const loss = sum / batches;
      lossHistory.push(loss);
      await evolution.after(epoch + 1, evolutionModel);
      const now = performance.now();
      await hooks.onEpoch?.({ epoch: epoch + 1, nEpochs, loss, epochSeconds: (now - epochStart) / 1000, elapsedSeconds: (now - start) / 1000 });
      const every = config.training.checkpoint_every;
      if (hooks.checkpoint && every > 0 && (epoch + 1) % every === 0 && epoch + 1 < nEpochs) {
        await hooks.checkpoint({ model, epochsDone: epoch + 1, lossHistory, elapsedSeconds: (now - start) / 1000 });
      }
    }
  } finally {
    await pool?.close();
  }
  if (pool && pairedBatches > 0) {
    hooks.log?.(`Pairing: the worker threads paired ${byWorkers} of ${pairedBatches} batches, the training thread the other ${pairedBatches - byWorkers}.`);
  }
  return { model, target: data, lossHistory, trainSeconds: (performance.now() - start) / 1000, epochsDone: lossHistory.length, interrupted, evolution: evolution.snapshots };
}

/** The model's condition input for points s…e of a batch: their raw conditions, some dropped to the null token. */
function stepConditions(condition: ConditionSpec, conditions: PairingConditions, s: number, e: number, dropout: number, rng: Rng): Float32Array {
  const raw = conditions.c.subarray(s * conditions.dim, e * conditions.dim);
  return modelConditions(condition, raw, condition.nullToken ? dropMask(e - s, dropout, rng) : undefined);
}
