import type { FvConfig } from '../config/schema.js';
import { Pipeline, type PipelineHooks, type TrainingState } from './pipeline.js';
import type { ResolvedPlugins } from './composition/plugins.js';
import type { VisualizeOutput } from './sampling/visualize.js';

export { writeResolvedConfig } from './pipeline.js';

export type RunOptions = PipelineHooks;

export interface RunOutput {
  train: TrainingState;
  /** Null when training was interrupted (then only a checkpoint was saved, no model). */
  visualize: VisualizeOutput | null;
  files: string[];
}

/**
 * The whole job, as `fv run` does it, through the one Pipeline: train (with checkpoints), save the model, sample,
 * write samples and metrics, draw. Usable without the cli: pass a resolved config and resolved plugins.
 */
export async function run(config: FvConfig, plugins: ResolvedPlugins, options: RunOptions = {}): Promise<RunOutput> {
  const pipeline = new Pipeline(config, plugins);
  const layout = pipeline.layout;
  const trained = await pipeline.train(options);
  const files = [layout.config, layout.checkpointDir];
  if (trained.interrupted) return { train: trained, visualize: null, files };
  files.push(layout.modelDir);
  const vis = await pipeline.visualize(options, trained);
  files.push(...vis.files);
  return { train: trained, visualize: vis, files };
}
