import { Command } from 'commander';
import { trainAndDraw } from './train-and-draw.js';
import type { Compose } from '../composition/root.js';
import { allOptions, withConfig, withSafety, type ConfigCommandOptions, type SafetyOptions } from './shared.js';

export function visualizeCommand(compose: Compose): Command {
  return withSafety(withConfig(new Command('visualize')))
    .description('Load the saved model, sample it and draw the pictures (like fv-visualize)')
    .addHelpText('after', `
Examples:
  fv visualize --config configs/trex.yaml
  fv visualize --config configs/trex.yaml visualization.n_sampling_steps=20 visualization.grid_size=30`)
    .action(async (overrides: string[], _o: unknown, cmd: Command) => {
      const opts = allOptions<ConfigCommandOptions & SafetyOptions>(cmd);
      await trainAndDraw(compose, { config: opts.config, overrides }, { ...opts, train: false, draw: true });
    });
}
