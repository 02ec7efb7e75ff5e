/**
 * The messages between the page and the training worker. Plain data only (structured clone); point arrays are
 * Float32Array, n×2 interleaved, transferred rather than copied. Every command carries an `id`; the worker answers
 * each with one `done` message carrying the same id, so that the page (and `window.fvStudio`) can await it.
 */

/** A config as a YAML file would give it (nested objects), validated in the worker by ConfigSchema. */
export type ConfigValues = Record<string, unknown>;

export type Command =
  | { type: 'init'; id: number; values: ConfigValues; wasmPaths?: Record<string, string> }
  /** New settings: sampling keys re-sample the current model; others start a fresh model (when valid). */
  | { type: 'configure'; id: number; values: ConfigValues }
  | { type: 'train'; id: number }
  | { type: 'pause'; id: number }
  | { type: 'step'; id: number }
  | { type: 'reset'; id: number };

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
}

export type WorkerEvent =
  | { type: 'done'; id: number; ok: boolean; errors?: KeyedError[] }
  | { type: 'backends'; lines: BackendLine[]; taken: string }
  /** A new model at epoch 0 (after a reset or a new dataset/model setting), with the target to draw. */
  | { type: 'model'; target: Float32Array; nEpochs: number; backend: string }
  | { type: 'epoch'; epoch: number; nEpochs: number; loss: number; epochSeconds: number }
  | { type: 'running'; running: boolean; epoch: number; nEpochs: number }
  | { type: 'preview'; preview: Preview }
  /** A failure outside any command (training diverged, a backend died): shown in the status line. */
  | { type: 'error'; error: KeyedError };
