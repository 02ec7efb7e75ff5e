import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { boundsOf, squareBounds, type Bounds, FvError, MAX_W2_POINTS, exactW2Squared, heldOutDraws, createRng, flattenQuality, generate, qualityMetrics, type Dataset } from '@flow-visualizer/core';
import { checkSamplingKeys, conditionInputDim, guidedField, perClassMetrics, samplingConditions, type ConditionSpec, type VelocityModel } from '@flow-visualizer/core';
import { generateInBatches } from './sample-batches.js';
import { checkEstimate, estimateRun } from '@flow-visualizer/core/node';
import { assertFiniteSamples } from '@flow-visualizer/core/node';
import { checkOutputFile, outputLayout, writePointsCsv } from '@flow-visualizer/core/node';
import { lockRunDir } from '../composition/run-lock.js';
import type { Compose } from '../composition/root.js';
import { drawPointsPng } from './points-png.js';
import { existsSync, readFileSync } from 'node:fs';
import { allOptions, makeLogger, withConfig, type ConfigCommandOptions } from './shared.js';

interface SampleOptions extends ConfigCommandOptions {
  n?: number;
  integrator?: string;
  steps?: number;
  rtol?: number;
  atol?: number;
  seed?: number;
  out?: string;
  png?: string;
  json?: boolean;
  yes?: boolean;
  w2?: boolean;
  batch?: number;
}

export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer.');
  return n;
}

export function nonNegativeInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer.');
  return n;
}

export function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

/** Two independent draws of the target (not the training points): the reference, and one for the noise floor. */
export async function heldOutTargets(dataset: Dataset, n: number, seed: number) {
  const [heldOut, heldOut2] = await heldOutDraws(dataset, n, (label) => createRng(seed, label));
  return { heldOut, heldOut2 };
}

/** `fv sample`: loads the saved model, samples it with a chosen integrator, writes a CSV, prints NFE, time and quality. */
export function sampleCommand(compose: Compose): Command {
  return withConfig(new Command('sample'))
    .description('Sample the saved model with a chosen integrator; print evaluations, seconds and sample-quality metrics')
    .option('-n, --n <count>', 'points to generate (default visualization.n_metric_samples, 10000)', positiveInt)
    .option('-i, --integrator <id>', 'ODE solver: euler, midpoint, heun, rk4, rk45 (default visualization.integrator)')
    .option('-s, --steps <count>', 'integrator steps; for rk45 the first step is 1/steps (default visualization.n_sampling_steps)', positiveInt)
    .option('--rtol <x>', 'relative tolerance (adaptive integrators)', positiveNumber)
    .option('--atol <x>', 'absolute tolerance (adaptive integrators)', positiveNumber)
    .option('--seed <n>', 'seed of the noise (default training.seed)', nonNegativeInt)
    .option('-o, --out <file>', 'CSV to write (default <output.dir>/samples/sample-<integrator>-<steps>.csv)')
    .option('--png <file>', 'also draw the points to this PNG, on the axes of the run\'s own plots (so that two samplings compare at a glance)')
    .option('--json', 'print the figures as one JSON object')
    .option('--w2', `also the exact W2 and W2² against as many held-out target points (exact assignment; at most ${MAX_W2_POINTS} points)`)
    .option('--batch <count>', 'integrate in batches of this many points (as papers run dopri5 per batch of 256); nfe is then the mean over batches', positiveInt)
    .option('-y, --yes', 'start even when the estimate says it takes more than 12 hours')
    .addHelpText('after', `
Examples:
  fv sample --config configs/trex.yaml --integrator rk4 --steps 10
  fv sample --config configs/trex.yaml --integrator rk45 --rtol 1e-4 --atol 1e-4 --n 5000 --out rk45.csv
  fv sample --config configs/trex.yaml --integrator euler --steps 4 --json
  fv sample --config configs/trex.yaml --steps 2 --png two-steps.png`)
    .action(async (overrides: string[], _o: unknown, cmd: Command) => {
      const opts = allOptions<SampleOptions>(cmd);
      const log = opts.json ? () => undefined : makeLogger(opts);
      if (opts.out) checkOutputFile(opts.out, 'the samples');
      if (opts.png) checkOutputFile(opts.png, 'the picture');
      const c = await compose({ config: opts.config, overrides }, log);
      const config = c.config;
      const v = config.visualization;
      const id = opts.integrator ?? v.integrator;
      const steps = opts.steps ?? v.n_sampling_steps;
      const n = opts.n ?? v.n_metric_samples;
      const seed = opts.seed ?? config.training.seed;
      if (opts.w2 && n > MAX_W2_POINTS) {
        throw new FvError('USAGE', `--n ${n} with --w2: the exact W2 takes at most ${MAX_W2_POINTS} points.`, { hint: `Use --n ${MAX_W2_POINTS} or fewer with --w2.` });
      }
      const integrator = await c.integrator(id, { rtol: opts.rtol, atol: opts.atol });
      lockRunDir(c.config.output.dir);
      const pipeline = c.pipeline();
      const plugins = await c.plugins(opts.png ? ['dataset', 'backend', 'source', 'assignment', 'renderers'] : ['dataset', 'backend', 'source', 'assignment']);
      const layout = outputLayout(config.output.dir);
      log(checkEstimate(estimateRun(config, plugins.backend, { train: false, sampleN: n, steps }), { yes: opts.yes, what: 'This sampling' }));
      // Through the pipeline, so that a model that is not the config's network is refused as fv visualize refuses it.
      const model = await pipeline.loadModel();
      try {
        // A conditional model (it records its condition): sampling.class/.condition/.guidance, checked before sampling.
        const condition = model.spec.condition;
        checkSamplingKeys(config, condition);
        const cond = condition ? await sampleConditions(model, condition, config, plugins.dataset, n, seed) : undefined;
        const genOpts = { n, steps, rng: createRng(seed, 'sample'), source: plugins.source, integratorOptions: { rtol: opts.rtol, atol: opts.atol }, ...(cond ? { field: cond.fieldFor(0, n) } : {}) };
        const gen = opts.batch ? await generateInBatches(model, integrator, genOpts, opts.batch, cond?.fieldFor) : await generate(model, integrator, genOpts);
        assertFiniteSamples(gen.x, model.backend);
        const out = path.resolve(opts.out ?? path.join(layout.samplesDir, `sample-${id}-${steps}.csv`));
        await writePointsCsv(out, gen.x);
        const { heldOut, heldOut2 } = await heldOutTargets(plugins.dataset, n, seed);
        const q = qualityMetrics(gen.x, heldOut, heldOut2);
        const w2Squared = opts.w2 && plugins.assignment ? exactW2Squared(gen.x, heldOut, plugins.assignment, '--n') : undefined;
        const transport = w2Squared === undefined ? {} : { w2: Math.sqrt(w2Squared), w2_squared: w2Squared };
        const classes = cond?.reference.labels && condition ? perClassMetrics({ generated: gen.x, generatedClasses: cond.of, target: heldOut, targetClasses: cond.reference.labels, names: condition.classNames! }) : undefined;
        const condFigures = cond ? { guidance: config.sampling.guidance, ...(classes ? { nearest_class_share: classes.nearest_class_share } : {}) } : {};
        const rel = path.relative(process.cwd(), out) || out;
        if (opts.png) {
          const title = `${id}, ${steps} step${steps === 1 ? '' : 's'} (${gen.nfe} evaluations): ${n} points, sliced W1 ${q.sliced_w1.toFixed(4)} (floor ${q.floor.sliced_w1.toFixed(4)})`;
          await drawPointsPng(config, c.registry, plugins.renderers!, { points: gen.x, title, bounds: runBounds(layout.metrics) ?? squareBounds(boundsOf(gen.x)) }, opts.png);
        }
        if (opts.json) {
          process.stdout.write(JSON.stringify({ integrator: id, steps, n, nfe: gen.nfe, seconds: gen.seconds, file: out, ...flattenQuality(q), ...transport, ...condFigures }, null, 2) + '\n');
          return;
        }
        log(`Sampled ${n} points with ${id} (${steps} steps): ${gen.nfe} velocity evaluations in ${gen.seconds.toFixed(3)} s (${model.backend}). Wrote ${rel}${opts.png ? ` and ${opts.png}` : ''}.`);
        const energyOn = q.n < q.n_sliced ? ` (energy distance and MMD: the first ${q.n})` : '';
        log(`Against ${q.n_sliced} held-out target points${energyOn}; floor: two target draws against each other:`);
        log(`  sliced W1        ${q.sliced_w1.toFixed(4)}   (floor ${q.floor.sliced_w1.toFixed(4)})`);
        log(`  energy distance  ${q.energy_distance.toFixed(5)}  (floor ${q.floor.energy_distance.toFixed(5)})`);
        log(`  RBF MMD²         ${q.mmd_rbf.toFixed(5)}  (floor ${q.floor.mmd_rbf.toFixed(5)}, bandwidth ${q.mmd_bandwidth.toFixed(3)})`);
        if (w2Squared !== undefined) log(`  exact W2²        ${w2Squared.toFixed(5)}  (W2 ${Math.sqrt(w2Squared).toFixed(5)})`);
        if (classes) log(`  nearest class    ${(100 * classes.nearest_class_share!).toFixed(1)}% of the first ${Math.min(n, 2000)} points land nearest a target point of their own class (guidance ${config.sampling.guidance})`);
      } finally {
        model.dispose();
      }
    });
}

/**
 * The conditions of n sampled points and the guided field of any range of them: sampling.class/.condition, or
 * those of the held-out reference draw (the one the figures compare with: createRng(seed, 'held-out-a')), so
 * that generated point i is sampled with the condition of reference point i, as the C2OT paper measures W2.
 */
async function sampleConditions(model: VelocityModel, condition: ConditionSpec, config: Parameters<typeof samplingConditions>[0], dataset: Dataset, n: number, seed: number) {
  const rng = createRng(seed, 'held-out-a');
  let reference: { points: Float32Array; labels?: Int32Array };
  if (condition.on === 'class') {
    if (!dataset.sampleLabelled) throw new FvError('CONFIG_INVALID', `Dataset '${dataset.id}' has no labels, but the model is conditioned on classes.`, { hint: 'Use the dataset the model was trained on.' });
    reference = await dataset.sampleLabelled(n, rng);
  } else reference = { points: await dataset.sample(n, rng) };
  const sc = samplingConditions(config, condition, n, reference);
  const dim = conditionInputDim(condition);
  return { of: sc.of, reference, fieldFor: (s: number, e: number) => guidedField(model, condition, sc.input.slice(s * dim, e * dim), config.sampling.guidance) };
}

/** The square box the run's own plots share (metrics.json's plot_bounds), when the run recorded it. */
function runBounds(metricsFile: string): Bounds | undefined {
  if (!existsSync(metricsFile)) return undefined;
  try {
    const b = (JSON.parse(readFileSync(metricsFile, 'utf8')) as { plot_bounds?: Bounds }).plot_bounds;
    return b && [b.xmin, b.xmax, b.ymin, b.ymax].every(Number.isFinite) && b.xmax > b.xmin && b.ymax > b.ymin ? b : undefined;
  } catch {
    return undefined;
  }
}
