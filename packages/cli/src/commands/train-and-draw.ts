import path from 'node:path';
import { FvError, outputLayout } from '@flow-visualizer/core';
import { createPlugins, loadContext, type CliContext, type ConfigArgs } from '../composition/context.js';
import { createRunContainer } from '../composition/container.js';
import { PipelineJob, type TrainStart } from '../composition/pipeline-job.js';
import { interruptSignal, jobIO, makeLogger, type GlobalOptions } from './shared.js';

export interface TrainAndDrawOptions extends GlobalOptions {
  train: boolean;
  draw: boolean;
  resume?: boolean;
  /** A run that starts from something other than scratch (fv reflow): made after the plugins, before training. */
  start?: (ctx: CliContext, plugins: Awaited<ReturnType<typeof createPlugins>>, log: (m: string) => void) => Promise<TrainStart>;
  /** The command that continues an interrupted run (default `fv train`). */
  command?: string;
}

/**
 * What `fv run`, `fv train` and `fv visualize` share: resolve the config and plugins, build the run's container,
 * then train and/or draw, printing where everything went.
 */
export async function trainAndDraw(args: ConfigArgs, opts: TrainAndDrawOptions): Promise<void> {
  const log = makeLogger(opts);
  const ctx = await loadContext(args);
  const config = ctx.config;
  // Every plugin is created up front, so that a bad name fails before any long work starts.
  const plugins = await createPlugins(ctx, log);
  log(`Backend: ${plugins.backend.id} (training.device=${config.training.device}; ${plugins.backendReport.join('; ')})`);
  const start = await opts.start?.(ctx, plugins, log);
  const job = createRunContainer(config, plugins).resolve(PipelineJob);
  const layout = outputLayout(config.output.dir);
  const rel = (p: string) => path.relative(process.cwd(), p) || p;

  let trained: Awaited<ReturnType<PipelineJob['train']>> | undefined;
  if (opts.train) {
    log(`Training on ${config.data.n_samples} '${config.data.name}' points for ${config.training.n_epochs} epochs (batch ${config.training.batch_size}, lr ${config.training.learning_rate}).`);
    const interrupt = interruptSignal(log);
    const io = jobIO(opts, config.training.log_interval, interrupt.signal);
    try {
      trained = await job.train(io, opts.resume, start);
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
    log(`Trained in ${trained.totalSeconds.toFixed(1)} s (${(trained.totalSeconds / Math.max(1, trained.lossHistory.length)).toFixed(3)} s/epoch), final loss ${trained.lossHistory.at(-1)?.toFixed(4)}. Model: ${rel(layout.modelDir)}/model.json`);
  }
  if (opts.draw) {
    const out = await job.visualize(jobIO(opts, config.training.log_interval), trained && { model: trained.model, target: trained.target, lossHistory: trained.lossHistory, trainSeconds: trained.totalSeconds });
    const m = out.result.metrics;
    const fig = (k: string) => (typeof m[k] !== 'number' ? 'n/a' : Number.isInteger(m[k]) ? String(m[k]) : (m[k] as number).toPrecision(3));
    log(`Quality of ${fig('metrics_n_sliced')} generated points vs held-out target (in brackets two target draws, the floor): sliced W1 ${fig('sliced_w1')} [${fig('sliced_w1_floor')}], energy distance ${fig('energy_distance')} [${fig('energy_distance_floor')}], MMD ${fig('mmd_rbf')} [${fig('mmd_rbf_floor')}]; sliced W1 vs the training points ${fig('sliced_w1_vs_training')}; straightness ${fig('straightness')} (1 = straight paths).`);
    log(`Wrote ${out.files.length} files under ${rel(layout.root)}: samples/, metrics.json, visualizations/ (${out.files.filter((f) => path.resolve(f).startsWith(path.resolve(layout.visualizations))).map((f) => path.basename(f)).join(', ')}).`);
  }
  log(`Resolved config: ${rel(layout.config)}`);
}
