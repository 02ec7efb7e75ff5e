import type { Bounds } from '../../points.js';
import type { VelocityField } from '../../ports/integrator.js';
import type { RenderContext } from '../../ports/renderer.js';
import type { EvolutionSnapshot } from '../training/evolution.js';
import type { LikelihoodFigures } from '../../likelihood/figures.js';

/** A snapshot of the generated points at time t. */
export interface Snapshot {
  t: number;
  x: Float32Array;
}

/** The learned velocity on a regular grid at time t: positions and velocities, both n×2 interleaved. */
export interface FieldSnapshot {
  t: number;
  grid: Float32Array;
  velocity: Float32Array;
}

/** Figures of a run, written to metrics.json. Plugins may add their own keys. */
export interface RunMetrics {
  backend: string;
  n_epochs: number;
  loss_history: number[];
  final_loss: number | null;
  train_seconds: number | null;
  seconds_per_epoch: number | null;
  sample_seconds: number;
  integrator: string;
  n_sampling_steps: number;
  nfe: number;
  n_generated: number;
  /** Sliced W1 between generated and held-out target points, and between two target draws (noise floor). */
  sliced_w1: number;
  sliced_w1_floor: number;
  /** Sliced W1 between generated points and the training points themselves (the PyTorch reference's figure). */
  sliced_w1_vs_training?: number;
  /**
   * The stable quality figure: sliced W1 of all generated points against 50,000 fresh target points, divided by
   * the mean of the same figure for four fresh draws of as many points (1: as good as the sample size can tell).
   */
  sliced_w1_ratio?: number;
  sliced_w1_50k?: number;
  sliced_w1_50k_floor?: number;
  energy_distance?: number;
  energy_distance_floor?: number;
  mmd_rbf?: number;
  mmd_rbf_floor?: number;
  /** Loss of the trained model on fresh pairs (no optimizer step): where the loss curve settles; never 0. */
  loss_fresh?: number;
  /** What loss_fresh was measured on: 'fresh pairs', or a reflow run's own couples with fresh times. */
  loss_fresh_on?: string;
  /** The trained model's loss in bins of t, beside its irreducible part where computable. */
  loss_by_time?: import('../training/loss-by-time.js').LossByTime;
  /** Mean ratio of path length to endpoint distance of the generated paths (1 = straight). */
  straightness?: number;
  /**
   * A run with classes: per class, its generated points against held-out target points of that class (exact W2)
   * and the share of them that land nearest their own class's data; `nearest_class_share` is that share overall.
   */
  per_class?: { class: number; name: string; n: number; w2?: number; w2_squared?: number; w2_points?: number; nearest_share: number }[];
  nearest_class_share?: number;
  [key: string]: unknown;
}

/** Everything a renderer draws. Renderers must not change it. */
export interface FlowResult {
  /** The run's settings that renderers share (titles, sizes, seed); each renderer's own are its options. */
  context: RenderContext;
  /** Target points to draw: a random subset of the training points (never the first N of an ordered list). */
  target: Float32Array;
  /** Points generated from noise. */
  generated: Float32Array;
  /** Snapshots at `visualization.trajectory_times`. */
  trajectory: Snapshot[];
  /** Many evenly spaced snapshots from t=0 to t=1, for animations and sliders. */
  frames: Snapshot[];
  /** Learned field at `visualization.field_times` on a grid_size² grid over `bounds`. */
  fields: FieldSnapshot[];
  lossHistory: number[];
  metrics: RunMetrics;
  /** One square box for every plot of the run, so that all plots share axes. */
  bounds: Bounds;
  /** The samples at several moments of training, from the same noise (empty when the model was not trained here and no record was kept). */
  evolution?: EvolutionSnapshot[];
  /** The model's density: held-out NLL, log p on a grid, p_t over time, the estimator's spread (absent when likelihood is off or the model has no Jacobian). */
  likelihood?: LikelihoodFigures;
  /** The learned field itself, for renderers that need it at other times (e.g. a slider). */
  velocity?: VelocityField;
  /** A run with conditions (classes or a continuous value): what each drawn point is, for colours and legends. */
  conditions?: ConditionFigures;
  /** A conditional run: the same noise and conditions sampled at several guidance weights (guidance.png). */
  guidance?: GuidanceFigure;
}

/**
 * The conditions of a run's drawn points. `generated` follows result.generated's order, which trajectory, frames
 * and every snapshot share, so paths and density can be coloured by the condition they were sampled with.
 */
export interface ConditionFigures {
  /** 'class': discrete classes 0…K−1 named `names`; 'continuous': a real value described by `label` (e.g. 'target x'). */
  kind: 'class' | 'continuous';
  /** Class k's name (kind 'class'). */
  names?: readonly string[];
  /** A legend title: 'class', or what the continuous value is. */
  label: string;
  /** The condition of each point of result.target: a class id (0…K−1) or the value. */
  target: Float32Array;
  /** The condition each point of result.generated was sampled with. */
  generated: Float32Array;
  /** The guidance weight w the generated points were sampled at (v = v_uncond + w (v_cond − v_uncond)). */
  guidance: number;
}

/** The same noise and conditions sampled at each weight (w = 0, 1, 2, 4 by default): overshoot made visible. */
export interface GuidanceFigure {
  weights: number[];
  /** samples[k]: the points sampled at weights[k], each n×2 interleaved, in the order of `conditions`. */
  samples: Float32Array[];
  conditions: Float32Array;
}
