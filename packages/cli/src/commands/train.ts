import { Command } from 'commander';
import { trainAndDraw } from './train-and-draw.js';
import type { Compose } from '../composition/root.js';
import { allOptions, withConfig, withSafety, type ConfigCommandOptions, type SafetyOptions } from './shared.js';
import { maybeMultirun, withMultirun, type MultirunFlags } from '../multirun/options.js';

export function trainCommand(compose: Compose): Command {
  return withMultirun(withSafety(withConfig(new Command('train'))))
    .description('Train the velocity field and save it to <output.dir>/models/velocity_net (like fv-train)')
    .option('--resume', 'continue from the checkpoint in <output.dir>/models/checkpoint to training.n_epochs')
    .option('--allow-config-change', 'with --resume: continue even though data, model, objective, learning rate or seed differ from those of the checkpoint')
    .addHelpText('after', `
Examples:
  fv train --config configs/trex.yaml training.n_epochs=500
  fv train --config configs/trex.yaml training.checkpoint_every=25
  fv train --config configs/trex.yaml --resume        # after Ctrl-C: continues to the same final epoch
  fv train -m --config configs/trex.yaml training.learning_rate=1e-3,3e-3 --jobs 2`)
    .action(async (overrides: string[], _o: unknown, cmd: Command) => {
      const opts = allOptions<ConfigCommandOptions & MultirunFlags & SafetyOptions & { allowConfigChange?: boolean }>(cmd);
      if (await maybeMultirun('train', opts, overrides)) return;
      await trainAndDraw(compose, { config: opts.config, overrides }, { ...opts, train: true, draw: false, resume: opts.resume, allowConfigChange: opts.allowConfigChange });
    });
}
