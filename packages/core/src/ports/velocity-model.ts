/**
 * The learned velocity field v(x, t). It is only a regressor: the flow-matching objective (path, pairing,
 * target velocity) is computed in core and handed over as plain arrays.
 */
export interface TrainBatch {
  /** Points x_t, n×2 interleaved. */
  x: Float32Array;
  /** Times, one per point. */
  t: Float32Array;
  /** Regression target u_t(x_t), n×2 interleaved. */
  target: Float32Array;
  /** A conditional model (spec.condDim > 0): the condition of each point, n×condDim (encoded: see condition-encoding.ts). */
  c?: Float32Array;
}

export interface ModelSpec {
  dataDim: number;
  timeEmbedDim: number;
  hiddenDims: readonly number[];
  learningRate: number;
  seed: number;
  /**
   * Decay of an exponential moving average of the weights, updated after every optimizer step; when > 0,
   * predict() and the saved weights are the average (the optimizer keeps training the raw weights). 0 or absent:
   * no average.
   */
  emaDecay?: number;
  /**
   * 'mlp' (absent: the same); 'resmlp': residual blocks of `width`, time embedding sin/cos(kπt); 'resnet': the
   * C2OT playground's network, h = Linear(x) + Linear(t), residual blocks Linear → activation → Linear of
   * width·expansion, output Linear (hiddenDims and timeEmbedDim unused by both).
   */
  architecture?: 'mlp' | 'resmlp' | 'resnet';
  /** resmlp: width of the residual stream (x and the time embedding concatenated); resnet: width of the stream. */
  width?: number;
  /** resmlp: number of Linear(no bias) → SiLU blocks added to the stream; resnet: number of residual blocks. */
  nBlocks?: number;
  /** resnet: each block's hidden width is width·expansion. */
  expansion?: number;
  /** resnet: the blocks' activation, exact (erf) GELU as torch.nn.GELU() or SiLU. */
  activation?: 'gelu' | 'silu';
  /** Absent: plain Adam at a constant learningRate, no clipping (the original tool's optimiser). */
  optimizer?: OptimizerSpec;
  /**
   * A conditional model v(x, t, c): floats of the (encoded) condition per point; 0 or absent: unconditional. The
   * nets read the row [x, c]: the mlp as more input columns; resnet as the C2OT paper's ConditionalNet, a separate
   * cond_proj = Linear(condDim → width) added to input_proj(x) + time_emb(t). resmlp has no conditional form.
   */
  condDim?: number;
  /**
   * Random Fourier features of the point (mlp only; absent: none): the nets read [x, sin(2π·B·x), cos(2π·B·x)]
   * (then a conditional model's c) instead of x. `b` holds B, features × dataDim row-major, drawn once from the
   * training seed and saved with the model, so that loading, sampling and resuming see the same field; `scale`
   * is the standard deviation it was drawn with (model.fourier_scale), kept so that a resume can check it.
   */
  fourier?: FourierSpec;
  /** What the condition is (recorded with the model so that sampling reloads it as trained); with condDim. */
  condition?: ConditionSpec;
}

/** Random Fourier features of the point: B (features × dataDim, row-major) and the std it was drawn with. */
export interface FourierSpec {
  features: number;
  scale: number;
  b: readonly number[];
}

/**
 * A conditional model's condition, as core encodes it (pipeline/conditions/encoding.ts): the dataset's class
 * (K = 2: one input, −1/+1 as the C2OT paper; K > 2: one-hot, K inputs) or a coordinate of the target point
 * (one input, its value); with `nullToken`, one more input that is 1 for a dropped condition (classifier-free
 * guidance's unconditional velocity) and 0 otherwise.
 */
export interface ConditionSpec {
  on: 'class' | 'x' | 'y';
  /** on 'class': K and the class names. */
  classes?: number;
  classNames?: string[];
  nullToken: boolean;
}

/** The optimiser beyond plain Adam: AdamW or Adam with L2, global-norm clipping, a learning-rate schedule. */
export interface OptimizerSpec {
  /** adamw: decoupled weight decay (p ← p·(1 − lr·wd)); adam: L2 added to the gradient (PyTorch's Adam weight_decay). */
  kind: 'adam' | 'adamw';
  /** On kernels only, never on biases. */
  weightDecay: number;
  /** Maximum global L2 norm of the gradient (0: no clipping). */
  gradClip: number;
  schedule: 'constant' | 'linear_decay' | 'cosine';
  /** Steps over which the learning rate ramps up linearly from lr/warmupSteps to lr. */
  warmupSteps: number;
  /** Optimizer steps of the whole training, where the decaying schedules reach their end. */
  totalSteps: number;
}

export interface VelocityModel {
  /** The backend that runs it, e.g. 'wasm'. */
  readonly backend: string;
  readonly spec: ModelSpec;
  /** One optimizer step on the mean squared error; resolves to the batch loss. */
  trainStep(batch: TrainBatch): Promise<number>;
  /**
   * v(x, t) for n points at one time (a number) or per-point times (a Float32Array of n); a conditional model
   * (spec.condDim > 0) needs `c`, n×condDim, and an unconditional one takes none.
   */
  predict(x: Float32Array, t: number | Float32Array, c?: Float32Array): Promise<Float32Array>;
  /**
   * Optional: v(x, t) and its Jacobian ∂v/∂x at one time, computed by the backend exactly (never by finite
   * differences). Likelihood needs it (the divergence is the Jacobian's trace); a model without it has none. A
   * conditional model takes `c` as predict does, held fixed (the Jacobian is along x only).
   */
  jacobian?(x: Float32Array, t: number, c?: Float32Array): Promise<VelocityJacobian>;
  /** Writes model.json + weights (and optimizer state, for resuming) into `dir`, atomically. */
  save(dir: string): Promise<void>;
  /** Live tensors held by the backend (for leak tests); -1 where unknown. */
  numTensors(): number;
  dispose(): void;
}

/** v(x, t) and ∂v/∂x for n points: v n×d interleaved, jac n×d×d, row k of point p is ∂v_k/∂x_0…∂v_k/∂x_{d−1}. */
export interface VelocityJacobian {
  v: Float32Array;
  jac: Float32Array;
}

export const VELOCITY_MODEL = Symbol.for('fv.VelocityModel');
