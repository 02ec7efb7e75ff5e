import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { runCommand } from './commands/run.js';
import { trainCommand } from './commands/train.js';
import { visualizeCommand } from './commands/visualize.js';
import { listCommand } from './commands/list.js';
import { schemaCommand } from './commands/schema.js';
import { doctorCommand } from './commands/doctor.js';
import { dataCommand } from './commands/data.js';
import { sampleCommand } from './commands/sample.js';
import { likelihoodCommand } from './commands/likelihood.js';
import { compareSolversCommand } from './commands/compare-solvers.js';
import { compareCommand } from './commands/compare.js';
import { reflowCommand } from './commands/reflow.js';
import { studioCommand } from './commands/studio.js';
import { composer, type WiringOptions } from './composition/root.js';
import { stderrNotes } from './notes.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * The `fv` command tree. One command per file under commands/; every command that reads a config composes its
 * plugins through the one composer made here: a child of the root container per command (`wiring.onChild`
 * registers replacements of ports on it: a test's fake backend or renderer).
 */
export function buildProgram(wiring: WiringOptions = {}): Command {
  // Notes (an old config key read under its new name) go to stderr once per command, unless --quiet.
  const compose = composer(wiring, stderrNotes(() => Boolean(program.opts().quiet)));
  const program: Command = new Command('fv')
    .description('Flow Visualizer: train a flow-matching velocity field on 2D points and see noise become data.')
    .version(version(), '-V, --version')
    .option('--verbose', 'print stack traces and more detail')
    .option('-q, --quiet', 'print only errors')
    .showHelpAfterError('(run fv --help for usage)')
    .addHelpText('after', `
Quick start:
  fv run --config configs/trex.yaml                      train, sample, draw (outputs/)
  fv run --config configs/quick.yaml output.dir=/tmp/fv  a fast demo
  fv train --config configs/trex.yaml training.n_epochs=500
  fv visualize --config configs/trex.yaml                redraw from the saved model
  fv list datasets                                       what there is to learn
  fv sample --config configs/trex.yaml --integrator rk4 --steps 10 --n 5000
  fv likelihood --config configs/trex.yaml --points my.csv   log p(x) of the saved model, mean NLL
  fv compare-solvers --config configs/trex.yaml          quality vs number of evaluations
  fv run -m --config configs/quick.yaml training.seed=1,2,3 flow.pairing=none,ot   a sweep
  fv compare outputs/none outputs/ot --out outputs/cmp   runs side by side
  fv reflow --config configs/trex.yaml --base outputs/trex output.dir=outputs/trex-reflow   rectified flow
  fv data moons --out moons.csv --png moons.png          a dataset's points, no training
  fv doctor                                              which backends load here
  fv studio --open                                       train and watch it live in the browser`);
  for (const c of [runCommand(compose), trainCommand(compose), visualizeCommand(compose), listCommand(), schemaCommand(), doctorCommand(), dataCommand(compose), sampleCommand(compose), likelihoodCommand(compose), compareSolversCommand(compose), compareCommand(compose), reflowCommand(compose), studioCommand()]) {
    // addCommand does not pass these settings down: usage errors must throw (exit 2), not exit(1) inside commander.
    c.exitOverride().showHelpAfterError('(run fv ' + c.name() + ' --help for usage)');
    program.addCommand(c);
  }
  return program;
}
