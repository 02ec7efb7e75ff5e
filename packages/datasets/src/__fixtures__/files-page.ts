/**
 * The page half of page-files.browser.test.ts: the user-file datasets reading files held in memory (as the studio
 * holds dropped files) and decoding images with the browser's own decoder. Exposes `fvFiles.sample(...)`.
 */
import { createRng, isFvError } from '@flow-visualizer/core';
import { datasetPlugins, memoryFiles } from '@flow-visualizer/datasets';

export interface PageSampleRequest {
  files: Record<string, number[]>;
  dataset: string;
  options: Record<string, unknown>;
  n: number;
  seed: number;
  noise: number;
}

export async function sample(req: PageSampleRequest): Promise<{ points: number[] } | { error: { code: string; message: string; hint?: string } }> {
  const files = memoryFiles(Object.fromEntries(Object.entries(req.files).map(([k, v]) => [k, Uint8Array.from(v)])));
  const plugin = datasetPlugins().find((p) => p.id === req.dataset)!;
  try {
    const options = plugin.optionsSchema!.parse(req.options);
    const ds = await plugin.create(options, { baseDir: '', rng: createRng(1, 'test'), run: { seed: 1, dataNoise: req.noise, sigmaMin: 0 }, log: () => undefined, files });
    return { points: Array.from(await ds.sample(req.n, createRng(req.seed))) };
  } catch (e) {
    if (!isFvError(e)) throw e;
    return { error: { code: e.code, message: e.message, hint: e.hint } };
  }
}

(globalThis as { fvFiles?: unknown }).fvFiles = { sample, hasNodeProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined' };
