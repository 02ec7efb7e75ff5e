/** The multirun options of `fv run` and `fv train`, and the switch between a single run and a sweep. */
import { Command, InvalidArgumentError } from 'commander';
import { FvError } from '@flow-visualizer/core';
import { sweepingOverrides } from './expand.js';
import { multirun } from './sweep.js';

export interface MultirunFlags {
  multirun?: boolean;
  jobs?: number;
  dryRun?: boolean;
  yes?: boolean;
  resume?: boolean;
  quiet?: boolean;
  config?: string;
  launcher?: string;
}

const jobCount = (s: string) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`'${s}' is not a number of jobs (a whole number ≥ 1).`);
  return n;
};

export function withMultirun(cmd: Command): Command {
  return cmd
    .option('-m, --multirun', 'sweep: one run per combination of the values given (key=a,b  key=range(1,4)  key=choice(a,b)) and of the config\'s sweep: section')
    .option('--jobs <n>', 'with -m: runs at once (default: what the cores, memory and backend allow, printed)', jobCount)
    .option('--dry-run', 'with -m: list the runs and start nothing')
    .option('--launcher <id>', 'with -m: where runs execute: local (child processes, the default), slurm (one job array; options in launcher_options:) or a launcher plugin (fv list launchers)');
}

/** Runs the sweep when -m is given and says true; refuses sweep syntax and sweep options without it. */
export async function maybeMultirun(command: 'run' | 'train', flags: MultirunFlags, overrides: string[]): Promise<boolean> {
  if (flags.multirun) {
    await multirun({ command, config: flags.config, overrides, jobs: flags.jobs, dryRun: flags.dryRun, yes: flags.yes, resume: flags.resume, quiet: flags.quiet, launcher: flags.launcher });
    return true;
  }
  const swept = sweepingOverrides(overrides);
  if (swept.length) {
    throw new FvError('OVERRIDE_INVALID', `The override '${swept[0]}' has several values, which is a sweep.`, {
      hint: `Add -m to run one training per value (fv ${command} -m …), or quote a value that contains commas: key='a,b'.`,
    });
  }
  const stray = (['jobs', 'dryRun', 'launcher'] as const).filter((k) => flags[k] !== undefined);
  if (stray.length) {
    throw new FvError('USAGE', `--${stray[0] === 'dryRun' ? 'dry-run' : stray[0]} applies to sweeps only.`, { hint: `Add -m: fv ${command} -m … --${stray[0] === 'dryRun' ? 'dry-run' : stray[0]}` });
  }
  return false;
}
