import type { FvConfig } from '../config/schema.js';
import { configToYaml } from '../config/to-yaml.js';
import { ensureWritableDir, writeFileAtomic } from '../io/atomic-write.js';
import { outputLayout } from './layout.js';
import type { ResolvedPlugins } from './plugins.js';
import { train, type TrainHooks, type TrainResult } from './train.js';
import { visualize, type VisualizeOutput } from './visualize.js';

export interface RunOptions extends TrainHooks {
  log?: (message: string) => void;
}

export interface RunOutput {
  train: TrainResult;
  visualize: VisualizeOutput | null;
  files: string[];
}

/** Writes the resolved config to <output.dir>/config.yaml (after checking the folder is writable). */
export async function writeResolvedConfig(config: FvConfig): Promise<string> {
  const layout = outputLayout(config.output.dir);
  await ensureWritableDir(layout.root);
  await writeFileAtomic(layout.config, configToYaml(config));
  return layout.config;
}

/**
 * The whole job, as `fv run` does it: train, save the model, sample, write samples and metrics, draw.
 * Usable without the cli: pass a resolved config and resolved plugins.
 */
export async function run(config: FvConfig, plugins: ResolvedPlugins, options: RunOptions = {}): Promise<RunOutput> {
  const layout = outputLayout(config.output.dir);
  await ensureWritableDir(layout.root);
  const trained = await train(config, plugins, options);
  // The config goes beside the model it describes, only once there is one (a failed run changes nothing).
  const files = [await writeResolvedConfig(config)];
  await trained.model.save(layout.modelDir);
  files.push(layout.modelDir);
  if (trained.interrupted) return { train: trained, visualize: null, files };
  const vis = await visualize({
    config,
    model: trained.model,
    target: trained.target,
    lossHistory: trained.lossHistory,
    trainSeconds: trained.trainSeconds,
    evolution: trained.evolution,
    plugins,
    log: options.log,
  });
  files.push(...vis.files);
  return { train: trained, visualize: vis, files };
}
