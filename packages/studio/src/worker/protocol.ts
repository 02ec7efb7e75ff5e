/**
 * The messages between the page and the training worker. Plain data only (structured clone); point arrays are
 * Float32Array, n×2 interleaved, transferred rather than copied. Every command carries an `id`; the worker answers
 * each with one `done` message carrying the same id, so that the page (and `window.fvStudio`) can await it.
 */

import type { ClassMetric, ModelSpec } from '@flow-visualizer/core';
import type { MlpState } from '@flow-visualizer/backends/browser';
import type { DensityFrames, PairBatch, PretrainedInfo, PretrainedModel } from '../live/live-protocol.js';

/** A config as a YAML file would give it (nested objects), validated in the worker by ConfigSchema. */
export type ConfigValues = Record<string, unknown>;

/** A file of an exported run: its path in the run folder and its bytes. */
export interface RunFileOut {
  path: string;
  data: Uint8Array;
  mime: string;
}

export type Command =
  | { type: 'init'; id: number; values: ConfigValues; wasmPaths?: Record<string, string> }
  /**
   * New settings: sampling keys re-sample the current model; others start a fresh model (when valid). `files`: the
   * user's dropped files (name -> bytes) that `data.options.file` may name; absent keeps the ones sent before.
   */
  | { type: 'configure'; id: number; values: ConfigValues; files?: Record<string, Uint8Array> }
  /** The settings and the model as the files of a CLI run folder (config.yaml + models/velocity_net/). */
  | { type: 'export'; id: number }
  /** A CLI run's settings and trained model (read by the page from its files), to explore and train further. */
  | { type: 'import'; id: number; values: ConfigValues; spec: ModelSpec; state: MlpState; lossHistory: number[] }
  | { type: 'train'; id: number }
  | { type: 'pause'; id: number }
  | { type: 'step'; id: number }
  | { type: 'reset'; id: number }
  /** A batch coupled by `pairing` (absent: the run's flow.pairing), answered by a `pairs` event (the pairing-lines view). */
  | { type: 'pairs'; id: number; pairing?: string }
  /** A pretrained demo model to preview while the run's model is untrained (answered by a `preview` with `pretrained`). */
  | { type: 'pretrained'; id: number; model: PretrainedModel };

/** A problem with one setting, shown beside its control; `key` is the dotted config key ('' when none fits). */
export interface KeyedError {
  key: string;
  message: string;
  hint?: string;
}

/** One backend as `fv doctor` shows it: taken, passed over (with why), or loadable but not taken. */
export interface BackendLine {
  id: string;
  priority: number;
  ok: boolean;
  taken: boolean;
  reason: string;
  hint?: string;
}

export interface QualityFigures {
  sliced_w1: number;
  sliced_w1_floor: number;
  energy_distance: number;
  energy_distance_floor: number;
  mmd_rbf: number;
  mmd_rbf_floor: number;
  /** The same figures for the noise the samples start from: where training begins. */
  noise_sliced_w1: number;
  n: number;
}

/**
 * The quality bar's figure (worker/stable-quality-job.ts): the CLI's stable sliced-W1 ratio on a fixed number of
 * points, with its noise, and at rest the exact W2 against its floor.
 */
export interface StableQualityFigures {
  epoch: number;
  /** sliced_w1 ÷ floor: 1 is as good as `n` points can show; the CLI's `sliced_w1_ratio`. */
  ratio: number;
  /** The ratio's own noise: a perfect model scores 1 ± noise (the spread of the floor draws). */
  noise: number;
  /** The same ratio for the points the flow starts from: where training begins. */
  noise_ratio: number;
  sliced_w1: number;
  floor: number;
  /** Generated points scored (the same for every figure of a session). */
  n: number;
  reference_points: number;
  floor_draws: number;
  /** Exact 2-Wasserstein distance of w2_points generated points to as many fresh target points, and of two fresh draws (its floor). */
  w2?: number;
  w2_floor?: number;
  w2_points?: number;
  /**
   * A class-conditional model's figures per class, as fv run's metrics.json gives them (core's perClassMetrics):
   * of the same generated points, each sampled with a class in the target's proportions, the share landing
   * nearest their own class's data, and at rest each class's exact W2 (per_class[k].w2).
   */
  per_class?: ClassMetric[];
  nearest_class_share?: number;
  seconds: number;
}

/** What a conditional model is conditioned on (model.condition), its class names, and whether it learned the null token (guidance). */
export interface ConditionInfo {
  on: 'class' | 'x' | 'y';
  classNames?: string[];
  /** Trained with training.cond_dropout > 0: guidance other than 1 is possible. */
  nullToken: boolean;
}

/** What a settings change did to the model: nothing, re-sampled it, went on training it, or started a new one. */
export type ChangeOutcome = 'none' | 'continue' | 'resample' | 'retune' | 'reset';

export interface Preview {
  /** Epoch of the model that made it. */
  epoch: number;
  /** Times of the snapshots (0 = noise, 1 = generated samples). */
  times: number[];
  /** Snapshots of the generated points, one per time, concatenated: times.length × n × 2. */
  points: Float32Array;
  n: number;
  nfe: number;
  /** The learned field on a gridSize² grid over the plot box, one grid per time, concatenated (vx, vy per cell). */
  field: Float32Array;
  gridSize: number;
  /** Seconds the preview took (generation + field + figures). */
  seconds: number;
  quality?: QualityFigures;
  /** The density over time (kernel densities at a few times and of the target), for the density view. */
  density?: DensityFrames;
  /** Set when this preview is of the pretrained demo model, not of the run's own model. */
  pretrained?: PretrainedInfo;
  /** A conditional model: per generated point the class id (or value) it was sampled with, and what it means. */
  conditions?: Float32Array;
  condition?: ConditionInfo;
}

/** The likelihood view's figures of one model (worker/likelihood-job.ts); log densities on gridSize² cells over VIEW_BOX. */
export interface LikelihoodFigures {
  epoch: number;
  gridSize: number;
  /** log of the target's kernel density, row by row from the bottom-left (y up). */
  targetLogp: Float32Array;
  /** The model's exact log p(x) on the same cells; absent with `unavailable`. */
  modelLogp?: Float32Array;
  /** Mean negative log-likelihood of held-out target points, nats per point (exact trace). */
  nll?: number;
  nllPoints?: number;
  /** The solver that carried the points back to the Gaussian, its steps, and the Jacobian evaluations of the job. */
  integrator: string;
  steps: number;
  nfe?: number;
  seconds?: number;
  /** Why this model has no likelihood (a source without a density, a backend without a Jacobian). */
  unavailable?: string;
}

export type WorkerEvent =
  | { type: 'done'; id: number; ok: boolean; errors?: KeyedError[]; files?: RunFileOut[]; change?: ChangeOutcome }
  | { type: 'backends'; lines: BackendLine[]; taken: string }
  /** A new model (after a reset, a new dataset/model setting, or an import), with the target to draw. */
  | { type: 'model'; target: Float32Array; nEpochs: number; backend: string; epoch: number; lossHistory: number[]; condition?: ConditionInfo; targetClasses?: Int32Array }
  | { type: 'epoch'; epoch: number; nEpochs: number; loss: number; epochSeconds: number }
  | { type: 'running'; running: boolean; epoch: number; nEpochs: number }
  | { type: 'preview'; preview: Preview }
  | { type: 'likelihood'; figures: LikelihoodFigures }
  | { type: 'pairs'; batch: PairBatch }
  | { type: 'stable-quality'; figures: StableQualityFigures }
  /** Optimiser settings changed: training goes on from `epoch` with the weights and Adam state (its step count) carried over. */
  | { type: 'retuned'; epoch: number; optimizerSteps: number }
  /** A preview given up half way (a pause, a reset or a new value came first). */
  | { type: 'preview-cancelled'; epoch: number }
  /** A failure outside any command (training diverged, a backend died): shown in the status line. */
  | { type: 'error'; error: KeyedError };
