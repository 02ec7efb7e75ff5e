import { encodeModel, MODEL_FILE, WEIGHTS_FILE, type ModelFiles } from '@flow-visualizer/backends/browser';
import type { ModelSpec } from '@flow-visualizer/core';
import type { MlpState } from '@flow-visualizer/backends/browser';
import { exportConfigYaml } from './config-file.js';
import { resolveValues } from './problems.js';
import { checkSameNetwork } from './same-network.js';
import { zipFiles } from './zip.js';

/** A file to download: its path inside the exported run folder, and its bytes. */
export interface ExportFile {
  path: string;
  data: Uint8Array;
  mime: string;
}

/** The run folder that `fv visualize --config config.yaml` reads, relative to where it runs (output.dir). */
export const EXPORT_DIR = 'studio-run';

/**
 * The page's settings and trained model as the files of a run folder: config.yaml (output.dir: `dir`, so that
 * `fv visualize --config config.yaml` run beside it finds the model) and dir/models/velocity_net/{model.json,
 * weights.bin}. Download them keeping the paths (or zip them) and run `fv visualize --config config.yaml`. MODEL_INVALID
 * when the model is not the network the settings describe (changed since training).
 */
/** How far the page trained: written as the run's metrics.json, so an import resumes there and `fv visualize` draws the loss. */
export interface TrainingRecord {
  lossHistory: readonly number[];
}

export async function exportRunFiles(values: unknown, model: { spec: ModelSpec; backend: string; readState(): Promise<MlpState> }, dir = EXPORT_DIR, training?: TrainingRecord): Promise<ExportFile[]> {
  // A model trained before the model settings changed would not load with the new ones (fv visualize refuses it).
  checkSameNetwork(resolveValues(values), model.spec, 'the page', 'the config', 'Train again (reset) after changing the model settings, or set them back to the trained model\'s.');
  const config = exportConfigYaml(values, { outputDir: dir });
  const files: ModelFiles = await encodeModel(model);
  return [
    { path: 'config.yaml', data: new TextEncoder().encode(config), mime: 'application/yaml' },
    { path: `${dir}/models/velocity_net/${MODEL_FILE}`, data: new TextEncoder().encode(files.modelJson), mime: 'application/json' },
    { path: `${dir}/models/velocity_net/${WEIGHTS_FILE}`, data: files.weights, mime: 'application/octet-stream' },
    ...(training
      ? [{ path: `${dir}/metrics.json`, data: new TextEncoder().encode(`${JSON.stringify({ epochs_done: training.lossHistory.length, loss_history: training.lossHistory }, null, 2)}\n`), mime: 'application/json' }]
      : []),
  ];
}

/**
 * exportRunFiles as one download: a .zip that unpacks into config.yaml and the run folder beside it, so that
 * `unzip studio-run.zip && fv visualize --config config.yaml` draws the page's model.
 */
export async function exportRunZip(values: unknown, model: { spec: ModelSpec; backend: string; readState(): Promise<MlpState> }, dir = EXPORT_DIR, training?: TrainingRecord): Promise<Uint8Array> {
  return zipFiles(await exportRunFiles(values, model, dir, training));
}
