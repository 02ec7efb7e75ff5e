import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import {
  DEFAULT_STEP_LADDER,
  compareSolvers,
  drawsWith,
  isAdaptive,
  solverRowsToCsv,
  toleranceSettings,
  type SolverEntry,
} from '@flow-visualizer/core';
import {
  outputLayout,
  writeFileAtomic,
} from '@flow-visualizer/core/node';
import { lockRunDir } from '../composition/run-lock.js';
import type { Compose } from '../composition/root.js';
import { allOptions, makeLogger, withConfig, type ConfigCommandOptions } from './shared.js';
import { heldOutTargets, nonNegativeInt, positiveInt } from './sample.js';
import { solverRowLine, solverTableHeader } from './solver-table.js';

interface CompareOptions extends ConfigCommandOptions {
  integrators?: string[];
  steps?: number[];
  tolerances?: number[];
  n: number;
  draws: number;
  seed?: number;
  out?: string;
}

const list = <T>(parse: (s: string) => T) => (v: string): T[] => v.split(',').map((s) => s.trim()).filter(Boolean).map(parse);
const stepCount = (s: string) => positiveInt(s);
const tolerance = (s: string) => {
  const x = Number(s);
  if (!(x > 0 && x < 1)) throw new InvalidArgumentError(`'${s}' is not a tolerance in (0, 1).`);
  return x;
};

/**
 * `fv compare-solvers`: samples the saved model with every integrator over a ladder of step counts (tolerances
 * for adaptive ones), from the same noise, and writes quality against NFE as solvers.csv and solvers.json.
 */
export function compareSolversCommand(compose: Compose): Command {
  return withConfig(new Command('compare-solvers'))
    .description('Quality against velocity evaluations for each integrator and step count (writes solvers.csv, solvers.json and visualizations/solvers.png)')
    .option('--integrators <ids>', 'comma-separated integrators (default: all registered)', list(String))
    .option('--steps <list>', `step counts for fixed-step integrators (default ${DEFAULT_STEP_LADDER.join(',')})`, list(stepCount))
    .option('--tolerances <list>', 'rtol = atol ladder for adaptive integrators (default 0.1,0.01,0.001,0.0001,0.00001)', list(tolerance))
    .option('-n, --n <count>', 'points per setting and draw (and held-out target points)', positiveInt, 2000)
    .option('--draws <count>', 'noise draws per setting: each figure is their mean, with its standard deviation', positiveInt, 3)
    .option('--seed <n>', 'seed of the noise and the held-out draws (default training.seed)', nonNegativeInt)
    .option('-o, --out <dir>', 'folder for solvers.csv, solvers.json and solvers.png (default: output.dir, the PNG under its visualizations/)')
    .addHelpText('after', `
Writes (under output.dir, or --out):
  solvers.csv                        one row per integrator and setting: NFE, seconds, sliced W1 (mean, sd), energy, MMD
  solvers.json                       the same rows, the noise floor, the straightness of the flow
  visualizations/solvers.png         sliced W1 against NFE per integrator, ± 1 sd, the floor as a line
  visualizations/solvers.vl.json     its Vega-Lite spec (report.html shows it when redrawn by fv visualize)

Examples:
  fv compare-solvers --config configs/trex.yaml
  fv compare-solvers --config configs/trex.yaml --integrators euler,rk4 --steps 1,2,4,8,16
  fv compare-solvers --config configs/trex.yaml output.dir=outputs/trex-ot --integrators euler,heun,rk45`)
    .action(async (overrides: string[], _o: unknown, cmd: Command) => {
      const opts = allOptions<CompareOptions>(cmd);
      const log = makeLogger(opts);
      const c = await compose({ config: opts.config, overrides }, log);
      const config = c.config;
      const seed = opts.seed ?? config.training.seed;
      const ids = opts.integrators ?? c.registry.list('integrator').map((p) => p.id);
      const entries: SolverEntry[] = [];
      for (const id of ids) {
        const integrator = await c.integrator(id);
        // An adaptive solver (declared by its plugin) gets the tolerance ladder instead of the step ladder.
        const adaptive = isAdaptive(c.registry.get('integrator', id));
        entries.push(adaptive ? { integrator, settings: toleranceSettings(opts.tolerances) } : { integrator });
      }
      lockRunDir(c.config.output.dir);
      const pipeline = c.pipeline();
      const plugins = await c.plugins(['dataset', 'backend', 'source']);
      const layout = outputLayout(config.output.dir);
      // Through the pipeline, so that a model that is not the config's network is refused as fv visualize refuses it.
      const model = await pipeline.loadModel();
      try {
        const { heldOut, heldOut2 } = await heldOutTargets(plugins.dataset, opts.n, seed);
        log(`Comparing ${ids.join(', ')} on ${opts.n} points × ${opts.draws} noise draw${opts.draws === 1 ? '' : 's'} per setting (${model.backend} backend, model ${layout.modelDir}).`);
        log('');
        for (const h of solverTableHeader(opts.draws)) log(h);
        const res = await compareSolvers({ model, integrators: entries, steps: opts.steps ?? DEFAULT_STEP_LADDER, n: opts.n, draws: opts.draws, heldOut, heldOut2, seed, source: plugins.source, onRow: (r) => log(solverRowLine(r)) });
        log('');
        const outDir = opts.out ?? layout.root;
        const csv = path.join(outDir, 'solvers.csv');
        const json = path.join(outDir, 'solvers.json');
        await writeFileAtomic(csv, solverRowsToCsv(res.rows));
        await writeFileAtomic(json, JSON.stringify({ pairing: config.flow.pairing, path: config.flow.path, ...res }, null, 2) + '\n');
        if (res.floor) log(`Noise floor (two data draws of ${res.n} points, what a perfect model scores): sliced W1 ${res.floor.sliced_w1.toFixed(4)}.`);
        if (opts.draws > 1) log(`Settings whose sliced W1 differ by less than about two sd are not told apart by ${res.n} points: more --n or --draws would.`);
        if (res.straightness !== null) log(`Straightness of the learned flow (path length ÷ endpoint distance, 1 = straight): ${res.straightness.toFixed(3)}.`);
        log(`Wrote ${csv} and ${json} (${res.rows.length} row${res.rows.length === 1 ? '' : 's'}).`);
        // The plot, through the first configured renderer that can draw it.
        const renderers = (await c.plugins(['renderers'])).renderers;
        const drawer = renderers.find((r) => drawsWith(c.registry.get('renderer', r.id), 'solvers'));
        if (drawer) {
          const png = path.join(opts.out ? outDir : layout.visualizations, 'solvers.png');
          const v = config.visualization;
          await drawer.renderSolversPng!({
            title: `Sample quality vs evaluations (${config.data.name}, path ${config.flow.path}, pairing ${config.flow.pairing})`,
            rows: res.rows,
            floor: res.floor?.sliced_w1 ?? null,
            size: v.panel_size * 1.25,
            pixelRatio: v.pixel_ratio,
          }, png);
          log(`Drew ${png} (${drawer.id} renderer).`);
        } else {
          log(`No configured renderer draws the solvers plot (visualization.renderers=${config.visualization.renderers.join(',')}); add vega to get solvers.png.`);
        }
      } finally {
        model.dispose();
      }
    });
}
