import { existsSync } from 'node:fs';
import path from 'node:path';
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
  otherData?: boolean;
}

/**
 * The base run's own config.yaml, the default of a reflow run: the same data, network and settings. A base without
 * one (no run there, or a model from elsewhere) leaves the built-in defaults; the base checks that follow say what
 * is missing.
 */
function baseConfig(base: string): string | undefined {
  const file = path.join(base, 'config.yaml');
  return existsSync(file) ? file : undefined;
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
    .option('--other-data', 'allow a dataset other than the base run\'s (the scores and pictures then compare with that one)')
    .addHelpText('after', `
Couples: reflow.n_pairs (0: data.n_samples) noise points, each carried through the base flow with
reflow.integrator and reflow.steps (default 100 Euler steps), drawn once and fixed for every epoch.
A conditional base (model.conditional=true): each couple gets the class or value of a target point (in
the target's proportions) and is carried under it with sampling.guidance; the new model learns each couple
with its condition, with training.cond_dropout label dropout.

Examples:
  fv run --config configs/trex.yaml output.dir=outputs/trex
  fv reflow --base outputs/trex                      # the base's own config, into outputs/trex-reflow
  fv reflow --config configs/trex.yaml --base outputs/trex output.dir=outputs/trex-reflow1
  fv reflow --config configs/trex.yaml --base outputs/trex-reflow1 output.dir=outputs/trex-reflow2   # 2-rectified
  fv sample --config outputs/trex-reflow1/config.yaml --steps 1`)
    .action(async (overrides: string[], _o: unknown, cmd: Command) => {
      const opts = allOptions<ReflowOptions>(cmd);
      // As YAML, a JSON string is a string whatever the path looks like (e.g. digits only).
      const all = opts.base !== undefined ? [...overrides, `reflow.base=${JSON.stringify(opts.base)}`] : overrides;
      // Without --config, the base run's own config (its data and network), into <base>-reflow unless told.
      const ownOut = overrides.some((o) => /^\+*output\.dir=/.test(o));
      const config = opts.config ?? (opts.base !== undefined ? baseConfig(opts.base) : undefined);
      const withOut = !opts.config && opts.base !== undefined && config !== undefined && !ownOut ? [...all, `output.dir=${JSON.stringify(`${opts.base.replace(/[\\/]+$/, '')}-reflow`)}`] : all;
      await trainAndDraw(compose, { config, overrides: withOut }, {
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
          const prepared = await prepareReflow(c.config, { backend: plugins.backend, integrator, warmStart, source: plugins.source, dataset: plugins.dataset }, log, { otherData: opts.otherData });
          const { x0, x1, conditions } = prepared.couples;
          return { createModel: prepared.createModel, target: x1, source: x0, ...(conditions ? { conditions } : {}), record: prepared.record };
        },
      });
    });
}
