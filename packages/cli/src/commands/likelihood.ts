import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import {
  FvError,
  boxToUser,
  classMixtureLogProb,
  conditionalLogProb,
  createRng,
  logProb,
  meanNll,
  sourceDensityOf,
  userLogDet,
  userToBox,
  type BoxFitMap,
  type Integrator,
} from '@flow-visualizer/core';
import { checkOutputDir, outputLayout, writeFileAtomic, type RunFolder } from '@flow-visualizer/core/node';
import { LIKELIHOOD_INTEGRATOR, RUN_FOLDER, resolvePort } from '@flow-visualizer/core/container';
import { nodeUserFiles } from '@flow-visualizer/datasets/node';
import { parseLabelledPoints, readUserFile, userText } from '@flow-visualizer/datasets';
import type { Compose } from '../composition/root.js';
import { commandLine } from '../composition/command-line.js';
import { likelihoodConditions, type LikelihoodConditions } from './likelihood-conditions.js';
import { allOptions, makeLogger, withConfig, type ConfigCommandOptions } from './shared.js';
import { nonNegativeInt, positiveInt, positiveNumber } from './sample.js';

interface LikelihoodOptions extends ConfigCommandOptions {
  points?: string;
  out?: string;
  n?: number;
  integrator?: string;
  steps?: number;
  rtol?: number;
  atol?: number;
  estimator?: 'exact' | 'hutchinson';
  probes?: number;
  seed?: number;
  json?: boolean;
  force?: boolean;
}

/**
 * Beyond this distance from the box's centre (in box units, the data box being [-2, 2]²) a point is nowhere the
 * model was trained or its Gaussian source puts mass (log p₀ < −200): its log p would be an extrapolation of an
 * extrapolation, so it is refused rather than printed.
 */
export const LIKELIHOOD_RANGE = 20;

function estimatorArg(v: string): 'exact' | 'hutchinson' {
  if (v !== 'exact' && v !== 'hutchinson') throw new InvalidArgumentError('expected exact or hutchinson.');
  return v;
}

/** Each point within the sensible range, in box units; else a DATA_INVALID naming the first row that is not. */
function checkRange(box: Float32Array, user: Float32Array | Float64Array, file: string): void {
  for (let i = 0; i < box.length; i += 2) {
    if (Math.abs(box[i]) <= LIKELIHOOD_RANGE && Math.abs(box[i + 1]) <= LIKELIHOOD_RANGE) continue;
    throw new FvError('DATA_INVALID', `Point ${i / 2 + 1} of '${file}' (${user[i]}, ${user[i + 1]}) lies outside any sensible range: at (${box[i].toPrecision(3)}, ${box[i + 1].toPrecision(3)}) in the model's box, where the data fill [-2, 2]² and points beyond ±${LIKELIHOOD_RANGE} have no meaningful density.`, {
      hint: 'Give points in the coordinates of the data the model was trained on (a points file: its own units); remove the stray rows.',
    });
  }
}

/** x,y,log_p; a class model's rows also carry the class scored (label) and the mixture's log p (log_p_marginal). */
function csv(user: Float64Array, logp: Float64Array, labels?: Int32Array, marginal?: Float64Array): string {
  const lines = [['x,y', labels ? 'label' : '', 'log_p', marginal && labels ? 'log_p_marginal' : ''].filter(Boolean).join(',')];
  for (let i = 0; i < logp.length; i++) {
    const row = [num(user[2 * i]), num(user[2 * i + 1]), ...(labels ? [String(labels[i])] : []), num(logp[i]), ...(marginal && labels ? [num(marginal[i])] : [])];
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(9)).toString());

/** `fv likelihood`: log p(x) of the saved model at the user's points (or fresh data), x,y,log_p to a CSV, mean NLL printed. */
export function likelihoodCommand(compose: Compose): Command {
  return withConfig(new Command('likelihood'))
    .description("The saved model's density log p(x) at points (a file, or fresh draws of the dataset): writes x,y,log_p, prints the mean NLL; a conditional model's log p(x | c), c as fv sample picks it")
    .option('-p, --points <file>', 'CSV or JSON of points (x,y), in the data\'s own coordinates (default: fresh draws of the dataset)')
    .option('-o, --out <file>', 'CSV to write, x,y,log_p (default <output.dir>/samples/logp.csv)')
    .option('-n, --n <count>', 'fresh points to draw without --points (default likelihood.n_points)', positiveInt)
    .option('-i, --integrator <id>', 'ODE solver back to the source (default likelihood.integrator, rk4)')
    .option('-s, --steps <count>', 'integrator steps from t=1 to 0 (default likelihood.steps, 25)', positiveInt)
    .option('--rtol <x>', 'relative tolerance (adaptive integrators)', positiveNumber)
    .option('--atol <x>', 'absolute tolerance (adaptive integrators)', positiveNumber)
    .option('-e, --estimator <kind>', 'divergence: exact (the Jacobian\'s trace) or hutchinson (random probes, with their variance)', estimatorArg)
    .option('--probes <k>', 'Hutchinson probes per point (default likelihood.probes)', positiveInt)
    .option('--seed <n>', 'seed of the fresh points and the probes (default training.seed)', nonNegativeInt)
    .option('--json', 'print the figures as one JSON object')
    .option('--force', 'write into output.dir even if it is a root, home or unrelated folder')
    .addHelpText('after', `
Examples:
  fv likelihood --config configs/trex.yaml
  fv likelihood --config configs/trex.yaml --points my-points.csv --out logp.csv
  fv likelihood --config configs/trex.yaml --estimator hutchinson --probes 4
  fv likelihood --config my-conditional.yaml --points labelled.csv   log p(x | its label), and the mixture's log p(x)
  fv likelihood --config my-conditional.yaml sampling.class=1 sampling.guidance=2   given class 1, guided`)
    .action(async (overrides: string[], _o: unknown, cmd: Command) => {
      const opts = allOptions<LikelihoodOptions>(cmd);
      const log = opts.json ? () => undefined : makeLogger(opts);
      const c = await compose({ config: opts.config, overrides }, log);
      const config = c.config, l = config.likelihood;
      checkOutputDir(config.output.dir, opts.force);
      const source = sourceDensityOf(config); // a source without a density: refused before any work
      const estimator = opts.estimator ?? l.estimator;
      const probes = opts.probes ?? l.probes;
      const seed = opts.seed ?? config.training.seed;
      const steps = opts.steps ?? l.steps;
      const tol = { rtol: opts.rtol, atol: opts.atol };
      const integrator = opts.integrator
        ? await c.integrator(opts.integrator, tol)
        : await resolvePort<Integrator>(c.container, LIKELIHOOD_INTEGRATOR);
      const plugins = await c.plugins(['dataset', 'backend']);
      const fit: BoxFitMap | undefined = plugins.dataset.boxFit;
      let box: Float32Array, user: Float64Array, what: string, labels: Int32Array | undefined;
      if (opts.points) {
        const file = await readUserFile(nodeUserFiles(), opts.points, process.cwd(), 'fv likelihood', '--points');
        const raw = parseLabelledPoints(userText(file.bytes), opts.points, 'fv likelihood', { everyClass: false });
        box = userToBox(raw.points, fit);
        checkRange(box, raw.points, opts.points);
        user = raw.points;
        labels = raw.labels;
        what = `the ${raw.points.length / 2} points of ${opts.points}`;
      } else {
        const n = opts.n ?? (l.n_points || 2000);
        const rng = createRng(seed, 'likelihood-points');
        // A labelled draw gives the same points as sample() with the same stream, and their classes.
        const drawn = plugins.dataset.sampleLabelled ? await plugins.dataset.sampleLabelled(n, rng) : { points: await plugins.dataset.sample(n, rng), labels: undefined };
        box = Float32Array.from(drawn.points);
        labels = drawn.labels;
        user = boxToUser(box, fit);
        what = `${n} fresh '${config.data.name}' points`;
      }
      const layout = outputLayout(config.output.dir);
      const out = path.resolve(opts.out ?? path.join(layout.samplesDir, 'logp.csv'));
      // Locked while it runs, as fv run: a run training into this folder meanwhile is refused, and refuses this.
      await c.container.resolve<RunFolder>(RUN_FOLDER).claim({ force: opts.force, command: commandLine() });
      const model = await c.pipeline().loadModel();
      try {
        const spec = model.spec.condition;
        const cond: LikelihoodConditions | undefined = spec ? await likelihoodConditions(config, spec, plugins.dataset, box, spec.on === 'class' ? labels : undefined, opts.points ?? 'the fresh points') : undefined;
        const w = config.sampling.guidance;
        const solve = { integrator, steps, integratorOptions: tol, estimator, probes, rng: createRng(seed, 'likelihood-probes'), source };
        const mixture = spec?.on === 'class' ? await classMixtureLogProb(model, spec, box, cond!.shares!, w, solve) : undefined;
        const r = cond?.input
          ? await conditionalLogProb(model, spec!, box, cond.input, w, solve)
          : mixture
            ? { logp: mixture.logp, exact: mixture.logp, variance: undefined, integrator: integrator.id, steps, nfe: mixture.nfe, seconds: mixture.seconds }
            : await logProb(model, box, solve);
        const det = userLogDet(fit);
        const logp = r.logp.map((v) => v + det);
        const marginal = mixture?.logp.map((v) => v + det);
        for (let i = 0; i < logp.length; i++) {
          if (!Number.isFinite(logp[i])) throw new FvError('NON_FINITE', `log p of point ${i + 1} is not finite (${logp[i]}); nothing was written.`, { hint: 'The model\'s weights are out of range: train it again.' });
        }
        await writeFileAtomic(out, csv(user, logp, cond?.labels, marginal));
        const nll = meanNll(logp);
        const se = r.variance ? Math.sqrt(r.variance.reduce((s, v) => s + v, 0)) / logp.length : undefined;
        const figures = {
          nll,
          n: logp.length,
          estimator: estimator === 'exact' ? 'exact trace' : `hutchinson (${probes} probe${probes === 1 ? '' : 's'})`,
          ...(estimator === 'hutchinson' ? { nll_exact: meanNll(r.exact.map((v) => v + det)), nll_std_error: se ?? null, mean_variance: r.variance ? r.variance.reduce((s, v) => s + v, 0) / logp.length : null } : {}),
          ...(cond ? { given: cond.given, guidance: w } : {}),
          ...(marginal && cond?.input ? { nll_marginal: meanNll(marginal) } : {}),
          integrator: r.integrator,
          steps: r.steps,
          nfe: r.nfe,
          seconds: r.seconds,
          backend: model.backend,
          units: fit ? "the points file's own coordinates" : 'box units',
          file: out,
        };
        if (opts.json) {
          process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
          return;
        }
        const rel = path.relative(process.cwd(), out) || out;
        log(`Mean NLL ${nll.toFixed(4)} nats per point over ${what}${cond ? ` ${cond.given}${w !== 1 ? ` (guidance ${w})` : ''}` : ''} (${figures.estimator}; ${r.integrator}, ${r.steps} steps, ${r.nfe} evaluations, ${r.seconds.toFixed(2)} s on ${model.backend}).`);
        if (marginal && cond?.input) log(`  The model's own density, the mixture over its ${spec!.classes} classes in the data's proportions: mean NLL ${meanNll(marginal).toFixed(4)} (log_p_marginal).`);
        if (estimator === 'hutchinson') {
          log(`  Hutchinson: standard error of the mean ${se === undefined || Number.isNaN(se) ? 'unknown with 1 probe (use --probes 2 or more)' : se.toExponential(2)}; the exact trace gives ${figures.nll_exact!.toFixed(4)}.`);
        }
        log(`Wrote ${rel} (${csv(new Float64Array(0), new Float64Array(0), cond?.labels, marginal).trim()}${fit ? ', in the points file\'s coordinates' : ''}).`);
      } finally {
        model.dispose();
      }
    });
}
