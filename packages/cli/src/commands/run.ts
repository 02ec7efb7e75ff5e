import { Command } from 'commander';
import { trainAndDraw } from './train-and-draw.js';
import { allOptions, withConfig, withSafety, type ConfigCommandOptions, type SafetyOptions } from './shared.js';

export function runCommand(): Command {
  return withSafety(withConfig(new Command('run')))
    .alias('all')
    .description('Train the velocity field, then sample it and draw the pictures (alias: all)')
    .addHelpText('after', `
Examples:
  fv run --config configs/trex.yaml
  fv run --config configs/quick.yaml output.dir=/tmp/fv-quick
  fv run --config configs/trex.yaml training.n_epochs=500 model.hidden_dims=[256,512,512,256]`)
    .action(async (overrides: string[], _o: unknown, cmd: Command) => {
      const opts = allOptions<ConfigCommandOptions & SafetyOptions>(cmd);
      await trainAndDraw({ config: opts.config, overrides }, { ...opts, train: true, draw: true });
    });
}
