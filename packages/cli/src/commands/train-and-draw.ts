import path from 'node:path';
import { FvError } from '@flow-visualizer/core';
import { checkEstimate, estimateRun } from '@flow-visualizer/core/node';
import { checkOutputDir, type RunFolder, type TrainStart, type TrainingState } from '@flow-visualizer/core/node';
import { RUN_FOLDER } from '@flow-visualizer/core/container';
import { commandLine } from '../composition/command-line.js';
import type { ConfigArgs } from '../composition/context.js';
import type { Compose, Composition } from '../composition/root.js';
import { interruptSignal, jobIO, makeLogger, type GlobalOptions, type SafetyOptions } from './shared.js';
import { fileTree } from '../file-tree.js';
import { findFonts, FONT_HINT } from '@flow-visualizer/renderers';
import { backendLine, qualityLines } from './run-summary.js';

export interface TrainAndDrawOptions extends GlobalOptions, SafetyOptions {
  train: boolean;
  draw: boolean;
  resume?: boolean;
  allowConfigChange?: boolean;
  /** A run that starts from something other than scratch (fv reflow): made after the plugins, before training. */
  start?: (c: Composition, plugins: Awaited<ReturnType<Composition['plugins']>>, log: (m: string) => void) => Promise<TrainStart>;
  /** The command that continues an interrupted run (default `fv train`). */
  command?: string;
}

/**
 * What `fv run`, `fv train` and `fv visualize` share: resolve the config and plugins, build the run's container,
 * then train and/or draw, printing where everything went.
 */
export async function trainAndDraw(compose: Compose, args: ConfigArgs, opts: TrainAndDrawOptions): Promise<void> {
  const log = makeLogger(opts);
  // Details (each backend considered, per-plot timings, sampling) only with --verbose.
  const detail = opts.verbose ? log : () => undefined;
  const c = await compose(args, detail);
  const config = c.config;
  checkOutputDir(config.output.dir, opts.force);
  // Every plugin is created up front, so that a bad name fails before any long work starts.
  const plugins = await c.plugins();
  log(backendLine(plugins.backend.id, config.training.device));
  detail(`  ${plugins.backendReport.join('\n  ')}`);
  // Said up front, and refused before any allocation when it cannot fit (a segfault or an OOM kill says nothing).
  log(checkEstimate(estimateRun(config, plugins.backend, { train: opts.train }), { yes: opts.yes, what: `This ${opts.train ? 'run' : 'drawing'}` }));
  // A run that starts from elsewhere (fv reflow) checks its inputs here, writing nothing: a refusal leaves no folder.
  const start = await opts.start?.(c, plugins, log);
  // Locked until the command ends (main releases every lock, and so does process exit).
  await c.container.resolve<RunFolder>(RUN_FOLDER).claim({ force: opts.force, command: commandLine() });
  const pipeline = c.pipeline();
  // Paths as the user gave them (output.dir as configured), not rewritten relative to the working folder.
  const layout = pipeline.layout;
  const rel = (p: string) => p;

  let trained: TrainingState | undefined;
  if (opts.train) {
    log(`Training on ${config.data.n_samples} '${config.data.name}' points for ${config.training.n_epochs} epochs (batch ${config.training.batch_size}, lr ${config.training.learning_rate}).`);
    const interrupt = interruptSignal(log);
    const io = jobIO(opts, config.training.log_interval, interrupt.signal);
    try {
      trained = await pipeline.train(io, { resume: opts.resume, allowConfigChange: opts.allowConfigChange, start });
    } finally {
      interrupt.dispose();
    }
    if (trained.interrupted) {
      io.progress.end();
      throw new FvError('INTERRUPTED', `Training stopped at epoch ${trained.epochsDone} of ${config.training.n_epochs}; checkpoint saved to ${rel(layout.checkpointDir)}.`, {
        hint: `Continue with: ${opts.command ?? 'fv train'} --resume${args.config ? ` --config ${args.config}` : ''}${(args.overrides ?? []).map((o) => ` ${o}`).join('')}`,
        exitCode: 130,
      });
    }
    const seconds = trained.trainSeconds ?? 0;
    log(`Trained in ${seconds.toFixed(1)} s (${(seconds / Math.max(1, trained.lossHistory.length)).toFixed(3)} s/epoch), final loss ${trained.lossHistory.at(-1)?.toFixed(4)}.`);
  }
  if (!opts.draw) {
    log(`Wrote the model to ${path.join(layout.modelDir, 'model.json')} and the resolved config to ${layout.config}.`);
    log(`Draw it with: fv visualize${args.config ? ` --config ${args.config}` : ''}${(args.overrides ?? []).map((o) => ` ${o}`).join('')}`);
    return;
  }
  // The renderers' own messages are --verbose detail; a missing font is not (the pictures would lack their text).
  if (!findFonts()) log(`Warning: no known font file found; text in the PNG pictures may be missing. ${FONT_HINT}`);
  const started = performance.now();
  // On a terminal the drawing line shows each plot as it starts (rewritten in place); in a log, one line per renderer.
  const tty = !opts.quiet && process.stdout.isTTY;
  let drawing = '';
  const io = {
    ...jobIO(opts, config.training.log_interval),
    log: detail,
    onRender: (id: string, i: number, n: number) => {
      if (tty && drawing) process.stdout.write('\n');
      drawing = `Drawing ${i + 1}/${n}: ${id}…`;
      if (tty) process.stdout.write(drawing);
      else log(drawing);
    },
    onRenderPart: (_id: string, part: string, k: number, n: number) => {
      if (tty) process.stdout.write(`\r\x1b[2K${drawing} ${part} (${k + 1}/${n})`);
    },
  };
  log(`Sampling ${Math.max(config.visualization.n_generated, config.visualization.n_metric_samples)} points (${config.visualization.integrator}, ${config.visualization.n_sampling_steps} steps) and measuring quality…`);
  const out = await pipeline.visualize(io, trained);
  if (tty && drawing) process.stdout.write('\n');
  log(`Sampled and drew in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  for (const line of qualityLines(out.result.metrics)) log(line);
  const files = [layout.config, ...(opts.train ? [path.join(layout.modelDir, 'model.json'), layout.checkpointDir] : []), ...out.files];
  log(`Wrote ${files.length} files under ${layout.root}:`);
  for (const line of fileTree(layout.root, files)) log(line);
  const report = out.files.find((f) => path.basename(f) === 'report.html');
  const shown = (f: string) => path.join(layout.visualizations, path.relative(path.resolve(layout.visualizations), path.resolve(f)));
  if (report) log(`Open the report: ${shown(report)}`);
  else if (config.visualization.renderers.length) log(`Pictures: ${layout.visualizations}`);
  else log('No pictures drawn (visualization.renderers is empty).');
}
