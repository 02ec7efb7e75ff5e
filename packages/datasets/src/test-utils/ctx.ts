/** A PluginContext for tests: real rng, the run's data.noise, fixtures as the base folder, the disk reader (as the cli gives). */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createRng, type Dataset, type FvPlugin, type PluginContext, type UserFiles } from '@flow-visualizer/core';
import { nodeUserFiles } from '../io/node-files.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__');

export function testCtx(noise = 0, baseDir = FIXTURES, files: UserFiles | null = nodeUserFiles()): PluginContext {
  return { baseDir, rng: createRng(1, 'test'), run: { seed: 1, dataNoise: noise, sigmaMin: 0 }, log: () => undefined, ...(files && { files }) };
}

/** Creates a dataset the way the pipeline does: options validated (and defaulted) by the plugin's own schema. */
export async function make(plugin: FvPlugin<'dataset'>, options: unknown = {}, noise = 0, baseDir = FIXTURES, files?: UserFiles | null): Promise<Dataset> {
  const o = plugin.optionsSchema ? plugin.optionsSchema.parse(options) : options;
  return plugin.create(o, testCtx(noise, baseDir, files === undefined ? nodeUserFiles() : files));
}

/** Samples synchronously-or-not and returns the points. */
export async function draw(plugin: FvPlugin<'dataset'>, n: number, seed = 5, options: unknown = {}, noise = 0): Promise<Float32Array> {
  return (await make(plugin, options, noise)).sample(n, createRng(seed));
}
