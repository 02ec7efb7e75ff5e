import { freemem, totalmem } from 'node:os';
import type { FvConfig } from '../../config/schema.js';
import { FvError } from '../../errors.js';
import type { VelocityBackend } from '../../ports/backend.js';
import type { ModelSpec } from '../../ports/velocity-model.js';

/** What a run will cost, worked out from the config before anything starts. */
export interface RunEstimate {
  /** Peak bytes: weights + Adam state + activations + points + the backend's own buffers. */
  memoryBytes: number;
  /** Floating-point operations of training and of sampling. */
  trainFlops: number;
  sampleFlops: number;
  /** Seconds at FAST_FLOPS plus fixed costs per step: a lower bound (slower backends take longer). */
  trainSeconds: number;
  sampleSeconds: number;
}

/** Operations per second of the fastest backend measured here (native, AVX-512, one thread): times are lower bounds. */
export const FAST_FLOPS = 1e11;
/** Fixed cost of one optimizer step and of one epoch, besides the arithmetic (lower bounds measured on native). */
export const STEP_SECONDS = 2e-4;
export const EPOCH_SECONDS = 1e-4;
/** Above this many estimated seconds (a lower bound), a run asks for --yes. */
export const LONG_RUN_SECONDS = 12 * 3600;

/** Layer widths of the MLP: [x (2) + time embedding, …hidden, 2]. */
function widths(spec: Pick<ModelSpec, 'dataDim' | 'timeEmbedDim' | 'hiddenDims'>): number[] {
  return [spec.dataDim + spec.timeEmbedDim, ...spec.hiddenDims, spec.dataDim];
}

export function parameterCount(spec: Pick<ModelSpec, 'dataDim' | 'timeEmbedDim' | 'hiddenDims'>): number {
  const w = widths(spec);
  let p = 0;
  for (let i = 1; i < w.length; i++) p += w[i - 1] * w[i] + w[i];
  return p;
}

export interface EstimateOptions {
  /** Train (default) or only sample a saved model. */
  train?: boolean;
  /** Points sampled at once (default max(n_generated, n_metric_samples)). */
  sampleN?: number;
  /** Integrator steps (default visualization.n_sampling_steps). */
  steps?: number;
}

/**
 * A rough, deliberately simple estimate: float32 everywhere; weights kept 5 times (weights, gradient, Adam's m
 * and v, the moving average); 4 arrays per layer per point for a training batch (pre-activation, activation and
 * their gradients) and 3 for sampling; the target and two held-out draws; plus the backend's own buffers.
 */
export function estimateRun(config: FvConfig, backend?: VelocityBackend, opts: EstimateOptions = {}): RunEstimate {
  // Fourier features widen the first layer's input as the time embedding does: counted with it.
  const spec = { dataDim: config.model.data_dim, timeEmbedDim: config.model.time_embed_dim + 2 * config.model.fourier_features, hiddenDims: config.model.hidden_dims };
  const w = widths(spec);
  const sumW = w.reduce((s, x) => s + x, 0);
  const maxW = Math.max(...w);
  const p = parameterCount(spec);
  const train = opts.train ?? true;
  // A reflow run (reflow.base set) trains on its couples: n_pairs of them (0: data.n_samples), each carried
  // through the base flow first.
  const pairs = train && config.reflow?.base ? config.reflow.n_pairs || config.data.n_samples : 0;
  const trainN = pairs || config.data.n_samples;
  const batch = Math.min(config.training.batch_size, trainN);
  const sampleN = opts.sampleN ?? Math.max(config.visualization.n_generated, config.visualization.n_metric_samples);
  const steps = opts.steps ?? config.visualization.n_sampling_steps;
  const f = 4;
  const weights = p * f * (train ? 5 : 2);
  const trainActs = train ? batch * sumW * f * 4 : 0;
  const sampleActs = Math.max(sampleN, pairs) * maxW * f * 3;
  const points = (config.data.n_samples + 3 * sampleN + 2 * pairs) * 2 * f;
  const extra = backend?.extraMemoryBytes?.({ ...spec, hiddenDims: [...spec.hiddenDims], learningRate: config.training.learning_rate, seed: config.training.seed }, batch) ?? 0;
  const trainFlops = train ? 6 * p * trainN * config.training.n_epochs : 0;
  const sampleFlops = 2 * p * (sampleN * steps + pairs * (config.reflow?.steps ?? 0));
  return {
    memoryBytes: weights + Math.max(trainActs, sampleActs) + points + extra,
    trainFlops,
    sampleFlops,
    trainSeconds: train ? trainFlops / FAST_FLOPS + config.training.n_epochs * (EPOCH_SECONDS + Math.ceil(trainN / batch) * STEP_SECONDS) : 0,
    sampleSeconds: sampleFlops / FAST_FLOPS,
  };
}

/** What fv may plan to use: FV_MEMORY_LIMIT (bytes, or with a K/M/G suffix) when set, else the machine's memory. */
export function memoryBudget(env: NodeJS.ProcessEnv = process.env): { bytes: number; source: string } {
  const raw = env.FV_MEMORY_LIMIT?.trim();
  if (raw) {
    const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(raw);
    if (!m) throw new FvError('USAGE', `FV_MEMORY_LIMIT='${raw}' is not an amount of memory.`, { hint: 'Write it as bytes or with a unit: FV_MEMORY_LIMIT=8G.' });
    const unit = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
    return { bytes: Number(m[1]) * unit, source: 'FV_MEMORY_LIMIT' };
  }
  return { bytes: totalmem(), source: 'this machine' };
}

export function formatBytes(n: number): string {
  if (n >= 2 ** 40) return `${(n / 2 ** 40).toFixed(1)} TiB`;
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(0)} MiB`;
  return `${Math.max(1, Math.round(n / 1024))} kiB`;
}

export function formatSeconds(s: number): string {
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${s.toFixed(0)} s`;
  if (s < 7200) return `${(s / 60).toFixed(0)} min`;
  if (s < 3 * 86400) return `${(s / 3600).toFixed(1)} h`;
  if (s < 730 * 86400) return `${(s / 86400).toFixed(0)} days`;
  return `${(s / 86400 / 365).toFixed(0)} years`;
}

/**
 * Says what the run will need and refuses what cannot work: more memory than the budget is RESOURCE_LIMIT
 * (exit 2) before any allocation; a run estimated longer than LONG_RUN_SECONDS needs `yes`. Returns the line to
 * print.
 */
export function checkEstimate(est: RunEstimate, opts: { yes?: boolean; what: string; env?: NodeJS.ProcessEnv }): string {
  const budget = memoryBudget(opts.env);
  const free = freemem();
  const seconds = est.trainSeconds + est.sampleSeconds;
  const line = `Estimate: about ${formatBytes(est.memoryBytes)} of memory (${budget.source} has ${formatBytes(budget.bytes)}, ${formatBytes(free)} free now); at least ${formatSeconds(seconds)} of compute.`;
  if (est.memoryBytes > budget.bytes) {
    throw new FvError('RESOURCE_LIMIT', `${opts.what} needs about ${formatBytes(est.memoryBytes)} of memory, more than the ${formatBytes(budget.bytes)} ${budget.source} has.`, {
      hint: 'Use narrower or fewer layers (model.hidden_dims), fewer points (data.n_samples, visualization.n_metric_samples, --n) or a smaller training.batch_size.',
    });
  }
  if (seconds > LONG_RUN_SECONDS && !opts.yes) {
    throw new FvError('RESOURCE_LIMIT', `${opts.what} would take at least ${formatSeconds(seconds)} (a lower bound: ${FAST_FLOPS.toExponential(0)} operations per second and ${STEP_SECONDS * 1e3} ms per step, the fastest backend measured).`, {
      hint: 'Lower training.n_epochs, data.n_samples or --n; or pass --yes to start it anyway.',
    });
  }
  return line;
}
