import { Command } from 'commander';
import { trainAndDraw } from './train-and-draw.js';
import type { Compose } from '../composition/root.js';
import { allOptions, withConfig, withSafety, type ConfigCommandOptions, type SafetyOptions } from './shared.js';
import { maybeMultirun, withMultirun, type MultirunFlags } from '../multirun/options.js';

export function runCommand(compose: Compose): Command {
  return withMultirun(withSafety(withConfig(new Command('run'))))
    .alias('all')
    .description('Train the velocity field, then sample it and draw the pictures (alias: all)')
    .option('--resume', 'continue training from the checkpoint in <output.dir>/models/checkpoint (with -m: finish a stopped sweep, skipping completed runs)')
    .addHelpText('after', `
Examples:
  fv run --config configs/trex.yaml
  fv run --config configs/quick.yaml output.dir=/tmp/fv-quick
  fv run --config configs/trex.yaml training.n_epochs=500 model.hidden_dims=[256,512,512,256]
  fv run -m --config configs/trex.yaml flow.pairing=none,ot training.seed=range(1,4)   a sweep: 6 runs
  fv run -m --config configs/quick.yaml 'model.hidden_dims=[64,64],[128,128]' --dry-run`)
    .action(async (overrides: string[], _o: unknown, cmd: Command) => {
      const opts = allOptions<ConfigCommandOptions & MultirunFlags & SafetyOptions>(cmd);
      if (await maybeMultirun('run', opts, overrides)) return;
      await trainAndDraw(compose, { config: opts.config, overrides }, { ...opts, train: true, draw: true, resume: opts.resume });
    });
}
