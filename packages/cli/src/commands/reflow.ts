import { Command } from 'commander';
import { warmStarts } from '@flow-visualizer/core';
import { prepareReflow } from '@flow-visualizer/core/node';
import { trainAndDraw } from './train-and-draw.js';
import type { Compose } from '../composition/root.js';
import { allOptions, withConfig, type ConfigCommandOptions } from './shared.js';

interface ReflowOptions extends ConfigCommandOptions {
  base?: string;
  draw?: boolean;
  resume?: boolean;
}

/**
 * `fv reflow` (also `fv-reflow`, and the original tool's `rf-train`): rectified flow. Makes couples with the base
 * run's model, trains a model started from its weights on them, and writes an ordinary run folder (then samples
 * and draws it, unless --no-draw).
 */
export function reflowCommand(compose: Compose): Command {
  return withConfig(new Command('reflow'))
    .description('Rectified flow: retrain from a base run\'s model on couples (noise, where the base flow carries it); like rf-train')
    .option('-b, --base <run-dir>', 'output folder of the trained base run (sets reflow.base); a reflow run as base gives k-rectified flow')
    .option('--no-draw', 'train and save only (as rf-train); draw later with fv visualize')
    .option('--resume', 'continue an interrupted reflow run from its checkpoint (the couples are made again, identically)')
    .addHelpText('after', `
Couples: reflow.n_pairs (0: data.n_samples) noise points, each carried through the base flow with
reflow.integrator and reflow.steps (default 100 Euler steps), drawn once and fixed for every epoch.

Examples:
  fv run --config configs/trex.yaml output.dir=outputs/trex
  fv reflow --config configs/trex.yaml --base outputs/trex output.dir=outputs/trex-reflow1
  fv reflow --config configs/trex.yaml --base outputs/trex-reflow1 output.dir=outputs/trex-reflow2   # 2-rectified
  fv sample --config outputs/trex-reflow1/config.yaml --steps 1`)
    .action(async (overrides: string[], _o: unknown, cmd: Command) => {
      const opts = allOptions<ReflowOptions>(cmd);
      // As YAML, a JSON string is a string whatever the path looks like (e.g. digits only).
      const all = opts.base !== undefined ? [...overrides, `reflow.base=${JSON.stringify(opts.base)}`] : overrides;
      await trainAndDraw(compose, { config: opts.config, overrides: all }, {
        ...opts,
        train: true,
        draw: opts.draw !== false,
        resume: opts.resume,
        command: 'fv reflow',
        start: async (c, plugins, log) => {
          const integrator = await c.integrator(c.config.reflow.integrator);
          // Whether the backend can start from saved weights is what its plugin declares (capabilities.warmStart).
          const id = plugins.backend.id;
          const warmStart = c.registry.has('backend', id) && warmStarts(c.registry.get('backend', id));
          const prepared = await prepareReflow(c.config, { backend: plugins.backend, integrator, warmStart }, log);
          return { createModel: prepared.createModel, target: prepared.couples.x1, source: prepared.couples.x0, record: prepared.record };
        },
      });
    });
}
