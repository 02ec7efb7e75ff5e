import 'reflect-metadata';
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { reportError } from './errors.js';
import { guardStdio } from './safe-streams.js';

/** Runs fv with the given arguments (without node and script) and resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  // A closed or full stdout/stderr must not lose the run (fv run | head -1).
  guardStdio();
  try {
    const program = buildProgram();
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
  }
}
