/**
 * The config schema: the single source of truth for every key, its type, its default and its documentation
 * (README "Configuration" and `fv schema` are generated from it). Keys and defaults match the original Python tool.
 */
import { z } from 'zod';

const positiveInt = () => z.number().int().positive();
/** Points held in memory at once (n×2 float32): 10 million is 80 MB; far more cannot be drawn or measured. */
const MAX_POINTS = 10_000_000;
/** Layer widths: 4096 is 16 M weights a layer, beyond what a 2D toy needs or a browser holds. */
const MAX_WIDTH = 4096;
/** Integrator steps: 10000 already take minutes on 10000 points; far more only hangs. */
const MAX_STEPS = 10_000;
/** Epochs, optimizer steps and intervals: a million is days of training. */
const MAX_COUNT = 1_000_000;
const options = (what: string) =>
  z.record(z.string(), z.unknown()).default({}).describe(`Options of the chosen ${what}, validated by that plugin's own schema.`);

/**
 * A visualization.* key that moved into the options of the one renderer that reads it: still accepted, with no
 * default, and handed to the renderer that declares it (renderer-options.ts) with a note to move it.
 */
const movedToRenderer = <T extends z.ZodType>(type: T, key: string) =>
  type.optional().describe(`Moved to the options of the renderer that reads it (visualization.options.animate.${key}); still read from here, with a note.`);

export const DataConfigSchema = z
  .strictObject({
    name: z.string().min(1).default('trex').describe('Dataset to learn (`fv list datasets`): trex, moons, points, svg, image, …'),
    n_samples: positiveInt().max(MAX_POINTS).default(10000).describe('Number of target points drawn from the dataset.'),
    noise: z.number().nonnegative().max(10).default(0.02).describe('Standard deviation of Gaussian noise added to each point, in data units (the data box is [-2, 2]²).'),
    options: options('dataset'),
  })
  .describe('The target distribution.');

/** Name of the built-in source: fresh draws of N(0, I) for every batch (the flow-matching default). */
export const STANDARD_GAUSSIAN_SOURCE = 'gaussian';

export const SourceConfigSchema = z
  .strictObject({
    name: z.string().min(1).default(STANDARD_GAUSSIAN_SOURCE).describe('Where the flow starts (t = 0): `gaussian` (the standard normal N(0, I), fresh for every batch), or any dataset as `data.name` names them (`fv list datasets`), for a flow between two datasets.'),
    n_samples: z.number().int().nonnegative().max(MAX_POINTS).default(0).describe('Source points drawn from a dataset source and permuted each epoch as the data are (0: data.n_samples). Unused by `gaussian`.'),
    noise: z.number().nonnegative().max(10).default(0).describe('Standard deviation of Gaussian noise added to each source point (dataset sources only).'),
    options: options('source dataset'),
  })
  .describe('The source distribution (t = 0).');

export const ModelConfigSchema = z
  .strictObject({
    data_dim: z.literal(2).default(2).describe('Dimension of the data (2D point clouds).'),
    time_embed_dim: positiveInt()
      .max(MAX_WIDTH)
      .refine((v) => v % 2 === 0, 'must be even (half sines, half cosines)')
      .default(64)
      .describe('Size of the sinusoidal time embedding concatenated to x (even).'),
    hidden_dims: z.array(positiveInt().max(MAX_WIDTH)).min(1).max(32).default([128, 256, 256, 128]).describe('Widths of the hidden layers of the MLP (SiLU between them).'),
    architecture: z.enum(['mlp', 'resmlp', 'resnet']).default('mlp').describe('mlp: the plain MLP above; resmlp: the later tool\'s residual MLP (x and a sin/cos(kπt) time embedding make up `width`, `n_blocks` blocks h ← h + SiLU(h·W), zero-initialised output layer; hidden_dims and time_embed_dim unused); resnet: the C2OT playground\'s network (h = Linear(x) + Linear(t) of `width`, `n_blocks` blocks h ← h + Linear(activation(Linear(h))) through width·`expansion`, output Linear; PyTorch\'s nn.Linear init).'),
    width: positiveInt()
      .max(MAX_WIDTH)
      .refine((v) => v > 2 && v % 2 === 0, 'must be even and above 2 (x, then as many sines as cosines)')
      .default(512)
      .describe('resmlp: width of the residual stream (2 data dims + the time embedding; width − 2 must be even); resnet: width of the stream.'),
    n_blocks: positiveInt().max(64).default(5).describe('resmlp, resnet: number of residual blocks.'),
    expansion: positiveInt().max(64).default(4).describe('resnet: hidden width of each block as a multiple of `width` (C2OT: 4).'),
    activation: z.enum(['gelu', 'silu']).default('gelu').describe('resnet: activation inside the blocks; gelu is the exact (erf) GELU of torch.nn.GELU().'),
    fourier_features: z.number().int().nonnegative().max(1024).default(0).describe('mlp: random Fourier features of the point (Tancik et al. 2020): n > 0 maps x to [x, sin(2π·B·x), cos(2π·B·x)] before the first layer, B an n×2 matrix of N(0, fourier_scale²) frequencies drawn from training.seed and saved with the model; 0: off (x as it is).'),
    fourier_scale: z.number().positive().max(1000).default(1).describe('model.fourier_features: standard deviation of the Fourier frequencies B, in cycles per data unit (1–10 for the T-Rex, whose box is about ±2): larger scales let the net draw finer detail, and noisier fields.'),
    conditional: z.boolean().default(false).describe('A conditional velocity v(x, t, c) (README "Conditional flows"): c is the dataset\'s class of each target point, or a coordinate of it (model.condition). mlp: c joins the input; resnet: the C2OT paper\'s ConditionalNet, cond_proj = Linear(c → width) added to Linear(x) + Linear(t); resmlp: not available.'),
    condition: z.enum(['class', 'x', 'y']).default('class').describe('model.conditional: what c is. class: the dataset\'s label, fed as −1/+1 for 2 classes (as the paper) and one-hot for more; x or y: that coordinate of the target point, a continuous value (the paper\'s "x" column).'),
  })
  .describe('The velocity network v(x, t).');

export const TrainingConfigSchema = z
  .strictObject({
    n_epochs: positiveInt().max(MAX_COUNT).default(300).describe('Passes over the target points.'),
    batch_size: positiveInt().max(MAX_POINTS).default(256).describe('Points per optimizer step.'),
    learning_rate: z.number().positive().max(10).default(0.003).describe('Adam learning rate (the peak one under training.lr_schedule).'),
    ema_decay: z
      .number()
      .min(0)
      .max(0.99999)
      .default(0.995)
      .describe('Decay of the moving average of the weights that sampling and the saved model use (per step, warmed up as min(decay, (1+step)/(10+step))). It smooths the jitter Adam leaves at a constant learning rate; 0 samples the last weights, as the original tool did.'),
    device: z.string().min(1).default('auto').describe('Compute backend: auto (best that loads: gpu > node > native > wasm > cpu), gpu (alias cuda), node, native (C addon, all cores), wasm, cpu. In a browser (Flow Studio): auto (webgpu > webgl > wasm-c > wasm > cpu), webgpu, webgl, wasm-c (the native C kernels in WebAssembly), wasm (tfjs), cpu.'),
    log_interval: positiveInt().max(MAX_COUNT).default(50).describe('Epochs between log lines when the output is not a terminal.'),
    seed: z.number().int().nonnegative().max(4_294_967_295).default(42).describe('Seed of every random draw of the run (data, noise, times, init).'),
    checkpoint_every: z.number().int().nonnegative().max(MAX_COUNT).default(0).describe('Write a resumable checkpoint every N epochs (0: only at the end).'),
    evolution_snapshots: z.number().int().min(0).max(32).default(12).describe('At most this many moments of training, at epochs 1, 2, 4, 8, … and the last (an even choice of them when there are more), at which the model carries the same 4,000 noise points to t = 1 (20 Euler steps) and scores them (sliced W1 against as many training points, beside that figure\'s floor), for evolution.png/.gif and the report\'s training slider (0: none).'),
    optimizer: z.enum(['adam', 'adamw']).default('adam').describe('adam (weight_decay as L2 in the gradient, as torch.optim.Adam) or adamw (decoupled weight decay, as torch.optim.AdamW).'),
    weight_decay: z.number().nonnegative().max(1).default(0).describe('Weight decay of the kernels (never of the biases).'),
    grad_clip: z.number().nonnegative().max(1e6).default(0).describe('Clip the gradient to this global L2 norm before each step, as torch.nn.utils.clip_grad_norm_ (0: no clipping).'),
    lr_schedule: z.enum(['constant', 'linear_decay', 'cosine']).default('constant').describe('Learning rate over the run: constant, linear_decay (to 0 at the last step) or cosine (to 0), after the warm-up.'),
    warmup_steps: z.number().int().nonnegative().max(100 * MAX_COUNT).default(0).describe('Optimizer steps over which the learning rate ramps up linearly before the schedule (0: none).'),
    time_sampling: z.enum(['uniform', 'logit_normal']).default('uniform').describe('How training draws the times t of its pairs: uniform on [0, 1] (the original tool), or logit_normal: t = sigmoid(z), z ~ N(time_sampling_loc, time_sampling_scale²), more of them in the middle (as Stable Diffusion 3 trains).'),
    time_sampling_scale: z.number().positive().max(10).default(1).describe('logit_normal: the standard deviation of the logit of t (1: SD3\'s choice; larger spreads t towards 0 and 1).'),
    time_sampling_loc: z.number().min(-10).max(10).default(0).describe('logit_normal: the mean of the logit of t (0: SD3\'s choice, symmetric about 1/2; positive puts more times near t = 1, where the flow settles the data\'s fine detail, negative near t = 0).'),
    cond_dropout: z.number().min(0).max(1).default(0.1).describe('model.conditional: the share of training points whose condition is replaced by a learned null token (an extra input set to 1, the condition inputs to 0), so that the model also learns the unconditional velocity that classifier-free guidance (sampling.guidance) needs. 0: no null token, and guidance other than 1 is refused.'),
    fresh_data: z.boolean().default(false).describe('Draw fresh data (and source) points for every epoch instead of one fixed training set: each pairing batch then sees new points, as papers that sample their toy data on the fly do.'),
  })
  .describe('Optimisation.');

export const FlowConfigSchema = z
  .strictObject({
    path: z.string().min(1).default('linear').describe('Probability path from noise to data (`fv list paths`).'),
    pairing: z.string().min(1).default('none').describe('Pairing of noise and data within a batch: none, or ot (minibatch optimal transport).'),
    pairing_workers: z
      .union([z.literal('auto'), z.number().int().nonnegative().max(16)])
      .default('auto')
      .describe('Worker threads that pair the next batches while the model trains (auto: one per spare core, at most 2; 0: pair on the training thread). Results are the same either way.'),
    sigma_min: z.number().nonnegative().max(1).default(0).describe('Width of the conditional path at t=1 (0: straight lines).'),
    pairing_batch: z.number().int().nonnegative().max(MAX_POINTS).default(0).describe('Points paired together (e.g. 1024 for minibatch OT over 4 gradient steps of 256, as OT-CFM papers do); a multiple of training.batch_size; 0: training.batch_size.'),
    path_options: options('path (e.g. exponent for polynomial)'),
    pairing_options: options('pairing (e.g. solver for ot)'),
    options: z.record(z.string(), z.unknown()).default({}).describe('Before path_options and pairing_options: one map for both. Still read: each key goes to the one of the two plugins that takes it.'),
  })
  .describe('The flow-matching objective.');

export const VisualizationConfigSchema = z
  .strictObject({
    n_sampling_steps: positiveInt().max(MAX_STEPS).default(100).describe('Integrator steps from t=0 to t=1 when sampling.'),
    integrator: z.string().min(1).default('euler').describe('ODE solver for sampling (`fv list integrators`).'),
    integrator_options: options('integrator (e.g. rtol, atol for rk45)'),
    grid_size: positiveInt().min(2).max(1000).default(20).describe('Arrows per side of the vector-field grid.'),
    n_generated: positiveInt().max(MAX_POINTS).default(2000).describe('Generated points drawn in the plots.'),
    n_metric_samples: positiveInt()
      .max(MAX_POINTS)
      .default(10000)
      .describe('Points generated for the quality figures and samples/generated.csv (at least n_generated; one integration serves both). Sliced W1 compares all of them with as many held-out target points; energy distance and MMD, O(n²), the first 2000.'),
    n_w2_points: z
      .number()
      .int()
      .nonnegative()
      .max(10_000, 'the exact W2 holds an n×n matrix: at most 10000 points')
      .default(1000)
      .describe('Points of the exact W2 (and W2², NPE) between generated and held-out target points, by exact assignment (≤ 10000; 10000 take about a minute; 0: not measured).'),
    n_shown_target: positiveInt().max(MAX_POINTS).default(2000).describe('Target points drawn in the plots (a random subset when there are more).'),
    trajectory_times: z.array(z.number().min(0).max(1)).min(2).default([0, 0.2, 0.4, 0.6, 0.8, 1]).describe('Times of the trajectory snapshots.'),
    field_times: z.array(z.number().min(0).max(1)).min(1).default([0, 1 / 3, 2 / 3, 1]).describe('Times at which the vector field is drawn.'),
    renderers: z.array(z.string().min(1)).default(['vega', 'canvas', 'report']).describe('Renderers to run (none: train and score without drawing): vega (PNG, SVG, spec), canvas (flow.gif and evolution.gif; its PNG plots on request), report (interactive report.html), … (`fv list renderers`).'),
    panel_size: positiveInt().min(100).max(2000).default(320).describe('Width and height of one plot panel, in CSS pixels.'),
    pixel_ratio: z.number().positive().max(8).default(2).describe('Pixel density of PNG files (2: sharp on high-DPI screens).'),
    options: z.record(z.string(), z.record(z.string(), z.unknown())).default({}).describe('Per-renderer options, by renderer name.'),
    // Settings of the animate renderer only, now its options; configs written before still set them here.
    animation_fps: movedToRenderer(z.number().int().min(1).max(50), 'animation_fps'),
    n_particles: movedToRenderer(positiveInt().max(20000), 'n_particles'),
    trail_length: movedToRenderer(z.number().int().min(0).max(200), 'trail_length'),
    density_grid_size: movedToRenderer(z.number().int().min(16).max(400), 'density_grid_size'),
  })
  .describe('Sampling and plots.');

export const SamplingConfigSchema = z
  .strictObject({
    class: z.union([z.number().int().nonnegative().max(1_000_000), z.string().min(1).max(200)]).optional().describe('model.conditional with classes: sample this class only (its id 0…K−1 or its name, `fv data <name> --out` lists them). Absent (and no sampling.condition): every class in the target\'s proportions, each point with the label of a held-out target point.'),
    condition: z.number().min(-1e6).max(1e6).optional().describe('model.conditional with model.condition x or y: sample at this value. Absent: the values of held-out target points.'),
    guidance: z.number().min(0).max(100).default(1).describe('Classifier-free guidance weight w: v = v_uncond + w·(v_cond − v_uncond) (0: the unconditional model, 1: the conditional one, > 1: pushed further). Needs training.cond_dropout > 0 unless w = 1.'),
  })
  .describe('Sampling a conditional model: which condition, and the guidance weight.');

export const ReflowConfigSchema = z
  .strictObject({
    base: z.string().default('').describe('Run folder (its output.dir) of the model whose flow `fv reflow` straightens; `--base` sets it. Recorded here so the run says what it came from.'),
    n_pairs: z.number().int().nonnegative().max(MAX_POINTS).default(0).describe('Couples (noise x0, the base flow\'s x1) drawn once and trained on, fixed, in every epoch; 0: data.n_samples.'),
    integrator: z.string().min(1).default('euler').describe('ODE solver that carries the noise through the base flow (`fv list integrators`).'),
    steps: positiveInt().max(MAX_STEPS).default(100).describe('Integrator steps from t=0 to t=1 for the couples (the original tool: 100 Euler steps).'),
  })
  .describe('Rectified flow (`fv reflow`): retrain, from the base model\'s weights, on couples that the base flow made.');

export const LikelihoodConfigSchema = z
  .strictObject({
    n_points: z
      .number()
      .int()
      .nonnegative()
      .max(MAX_POINTS)
      .default(2000)
      .describe('Fresh held-out points whose mean negative log-likelihood (nats per point) goes into metrics.json as nll, beside likelihood.png (0: no likelihood in runs).'),
    integrator: z.string().min(1).default('rk4').describe('ODE solver that carries points back to the source with the divergence (`fv list integrators`). Euler\'s first-order error on the divergence integral is ~0.07 nats at 100 steps on a Gaussian; RK4 at 25 steps (the same 100 evaluations) is within 1e-6.'),
    steps: positiveInt().max(MAX_STEPS).default(25).describe('Integrator steps from t=1 back to t=0 (a density at an earlier t takes proportionally fewer).'),
    integrator_options: options('likelihood integrator (e.g. rtol, atol for rk45)'),
    grid_size: z.number().int().min(8).max(400).default(64).describe('Cells per side of the model-density grid of likelihood.png (the density over time uses at most 48).'),
    estimator: z.enum(['exact', 'hutchinson']).default('exact').describe('Divergence of `fv likelihood`: exact (the trace of the backend\'s Jacobian) or hutchinson (the mean of `probes` random estimates, with its variance).'),
    probes: positiveInt().max(1024).default(1).describe('Hutchinson probes per point (estimator: hutchinson).'),
  })
  .describe('Likelihood: the model\'s exact density log p(x), by integrating the divergence back to the Gaussian source.');

export const OutputConfigSchema = z
  .strictObject({
    dir: z.string().min(1).default('outputs').describe('Folder for model, samples, metrics, pictures and the resolved config.'),
    relative_to: z
      .enum(['cwd', 'config'])
      .default('cwd')
      .describe('What a relative output.dir written in a config file starts from: cwd, the working folder (configs/*.yaml); config, the folder of that file (a run exported by Flow Studio, usable from anywhere).'),
  })
  .describe('Where results go.');

export const ConfigSchema = z
  .strictObject({
    extends: z.union([z.string(), z.array(z.string())]).optional().describe('Config file(s) this one builds on, relative to this file.'),
    plugins: z.array(z.string().min(1)).default([]).describe('Plugin packages or files to load (npm names, or paths relative to the config file).'),
    data: DataConfigSchema.prefault({}),
    source: SourceConfigSchema.prefault({}),
    model: ModelConfigSchema.prefault({}),
    training: TrainingConfigSchema.prefault({}),
    flow: FlowConfigSchema.prefault({}),
    visualization: VisualizationConfigSchema.prefault({}),
    sampling: SamplingConfigSchema.prefault({}),
    reflow: ReflowConfigSchema.prefault({}),
    likelihood: LikelihoodConfigSchema.prefault({}),
    output: OutputConfigSchema.prefault({}),
    sweep: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.unknown())]))
      .default({})
      .describe('Runs of `fv run -m` besides the command line\'s: key → Hydra sweep expression ("1,2,3", "range(1,4)", "choice(none,ot)") or a list of values. Ignored without -m.'),

    launcher_options: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Options of the launcher that runs a sweep (`fv run -m --launcher slurm`: partition, time, cpus_per_task, …), checked by that launcher (`fv list launchers`). Ignored without -m.'),
  })
  .superRefine((c, ctx) => {
    // Checked with the config, before anything runs or is written (a pairing batch is whole gradient batches).
    if (c.flow.pairing_batch % c.training.batch_size !== 0) {
      ctx.addIssue({ code: 'custom', path: ['flow', 'pairing_batch'], input: c.flow.pairing_batch, message: `must be a multiple of training.batch_size (${c.training.batch_size}), e.g. ${4 * c.training.batch_size}; 0: training.batch_size` });
    }
    // Fourier features widen the MLP's input; the residual nets have no such input (never ignored silently).
    if (c.model.fourier_features > 0 && c.model.architecture !== 'mlp') {
      ctx.addIssue({ code: 'custom', path: ['model', 'fourier_features'], input: c.model.fourier_features, message: `needs model.architecture mlp (got ${c.model.architecture}); 0: off` });
    }
  })
  .describe('Flow Visualizer configuration.');

export type FvConfigInput = z.input<typeof ConfigSchema>;
type Parsed = z.output<typeof ConfigSchema>;
type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
/** A validated, defaulted, frozen config. */
export type FvConfig = DeepReadonly<Omit<Parsed, 'extends'>>;

/** The built-in defaults (the bottom layer). */
export function defaultConfig(): FvConfig {
  const { extends: _e, ...rest } = ConfigSchema.parse({});
  return deepFreeze(rest);
}

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
