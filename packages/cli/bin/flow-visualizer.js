#!/usr/bin/env node
// The original Python tool's command line, `flow-visualizer train | visualize | all`, for its users' habits:
// the same as `fv train`, `fv visualize` and `fv run`, with the same options after the command.
import { run } from './run.js';

const COMMANDS = { train: 'train', visualize: 'visualize', all: 'run' };
const USAGE = `Usage: flow-visualizer train|visualize|all [options] [overrides...]

  train      train and save the model (fv train)
  visualize  load the saved model, sample and draw (fv visualize)
  all        train, then sample and draw (fv run)

Options and overrides are those of fv: flow-visualizer all --config configs/trex.yaml training.n_epochs=500
fv --help lists every command.
`;

const [command] = process.argv.slice(2);
if (command === '-h' || command === '--help') {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!Object.hasOwn(COMMANDS, command ?? '')) {
  const what = command === undefined ? 'no command given' : `unknown command '${command}'`;
  process.stderr.write(`flow-visualizer: error: ${what}.\n  hint: use flow-visualizer train, visualize or all (fv train, fv visualize, fv run).\n\n${USAGE}`);
  process.exit(2);
}
await run([COMMANDS[command]], 1);
