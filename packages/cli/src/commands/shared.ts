import type { Command } from 'commander';
import type { EpochInfo } from '@flow-visualizer/core';
import { Progress } from '../progress.js';
import type { PipelineHooks } from '@flow-visualizer/core/node';

export interface GlobalOptions {
  verbose?: boolean;
  quiet?: boolean;
}

export interface ConfigCommandOptions extends GlobalOptions {
  config?: string;
}

export interface SafetyOptions {
  force?: boolean;
  yes?: boolean;
}

/** --force and --yes, for the commands that write into output.dir and may run long. */
export function withSafety(cmd: Command): Command {
  return cmd
    .option('--force', 'write into output.dir even if it is a root, home or unrelated folder')
    .option('-y, --yes', 'start even when the estimate says the run takes more than 12 hours (with -m: a sweep of more than 64 runs)');
}

/** `-c, --config <file>` and the trailing Hydra-style overrides, shared by every command that reads a config. */
export function withConfig(cmd: Command): Command {
  return cmd
    .argument('[overrides...]', 'Hydra-style overrides: training.n_epochs=500 model.hidden_dims=[256,512,512,256] data.name=moons')
    .option('-c, --config <file>', 'YAML config file (layers: built-in defaults ◄ its extends chain ◄ the file ◄ overrides)');
}

/** Options of the root command (verbose, quiet) merged with the subcommand's own. */
export function allOptions<T extends object>(cmd: Command): T & GlobalOptions {
  return cmd.optsWithGlobals() as T & GlobalOptions;
}

export function makeLogger(opts: GlobalOptions): (message: string) => void {
  return opts.quiet ? () => undefined : (m: string) => process.stdout.write(`${m}\n`);
}

/**
 * Wires Ctrl-C to an AbortSignal: the first one lets training finish its epoch and checkpoint; a second one
 * quits at once.
 */
export function interruptSignal(log: (m: string) => void): { signal: AbortSignal; dispose(): void } {
  const ac = new AbortController();
  const handler = () => {
    if (ac.signal.aborted) {
      process.stderr.write('\nfv: interrupted again, quitting without a checkpoint.\n');
      process.exit(130);
    }
    log('\nInterrupted: finishing this epoch and writing a checkpoint (Ctrl-C again to quit at once)…');
    ac.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return { signal: ac.signal, dispose: () => { process.off('SIGINT', handler); process.off('SIGTERM', handler); } };
}

export function jobIO(opts: GlobalOptions, logInterval: number, signal?: AbortSignal): PipelineHooks & { log(m: string): void; progress: Progress } {
  const progress = new Progress({ stream: process.stdout, logInterval, quiet: opts.quiet });
  return { log: makeLogger(opts), onEpoch: (info: EpochInfo) => progress.onEpoch(info), signal, progress };
}
