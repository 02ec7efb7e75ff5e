// tsyringe (the composition root's container) needs Reflect's metadata API before it loads: first, as in every entry.
import 'reflect-metadata';
import { CommanderError } from 'commander';
import { FvError, errorMessage } from '@flow-visualizer/core';
import { releaseAllLocks } from '@flow-visualizer/core/node';
import { buildProgram } from './program.js';
import type { WiringOptions } from './composition/root.js';
import { reportError } from './errors.js';
import { guardStdio } from './safe-streams.js';
import { watchSweepParent } from './multirun/parent-watch.js';

/**
 * Runs fv with the given arguments (without node and script) and resolves to the exit status. `wiring` gives
 * another root container or registers replacements of ports on each command's child (tests, embedding tools).
 */
export async function main(argv: string[], wiring: WiringOptions = {}): Promise<number> {
  const verbose = argv.includes('--verbose');
  // A closed or full stdout/stderr must not lose the run (fv run | head -1).
  guardStdio();
  watchSweepParent();
  // A plugin's forgotten promise that rejects would otherwise print Node's full stack trace and exit 1 mid-run.
  const onRejection = (e: unknown) => {
    const code = reportError(new FvError('PLUGIN_FAILED', `A promise was rejected and nobody handled it (a plugin's, most likely): ${errorMessage(e).split('\n')[0]}`, {
      hint: 'Check the plugins named in the config (plugins:); --verbose shows the stack trace.',
      cause: e,
    }), verbose);
    process.exit(code);
  };
  process.on('unhandledRejection', onRejection);
  try {
    const program = buildProgram(wiring);
    program.exitOverride();
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are "errors" to commander; usage mistakes are bad input (exit 2).
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    return reportError(e, verbose);
  } finally {
    releaseAllLocks();
    process.off('unhandledRejection', onRejection);
  }
}
