/**
 * What a web page does with the browser entries: train a velocity field, sample it and measure the samples,
 * with no Node anywhere. Bundled by pipeline.browser.test.ts for the browser platform and run in Chromium; it
 * exposes `fvPipeline.run(options)` on the page.
 */
import {
  ConfigSchema,
  PluginRegistry,
  createRng,
  deepFreeze,
  flattenQuality,
  generate,
  heldOutDraws,
  qualityMetrics,
  renderContextOf,
  resolvePlugins,
  train,
  type FlowResult,
  type FvConfig,
} from '@flow-visualizer/core';
import { builtinCouplingPlugins } from '@flow-visualizer/couplings';
import { shapeDatasetPlugins } from '@flow-visualizer/datasets';
import { builtinIntegratorPlugins } from '@flow-visualizer/integrators';
import { browserBackendPlugins } from '@flow-visualizer/backends/browser';
import { buildSpec } from '@flow-visualizer/renderers/specs';

export interface PageRunOptions {
  /** The config, as a YAML file would give it (validated by the same schema). */
  values: Record<string, unknown>;
  /** Points generated for the quality figures. */
  n: number;
}

export async function run(options: PageRunOptions) {
  const config = deepFreeze(ConfigSchema.parse(options.values)) as FvConfig;
  const registry = new PluginRegistry([...builtinCouplingPlugins(), ...shapeDatasetPlugins(), ...builtinIntegratorPlugins(), ...browserBackendPlugins()]);
  const plugins = await resolvePlugins(config, registry, { baseDir: '/', only: ['dataset', 'backend', 'integrator', 'path', 'pairing'] });

  const t0 = performance.now();
  const trained = await train({ config, plugins });
  const trainSeconds = (performance.now() - t0) / 1000;

  const rng = createRng(config.training.seed, 'page');
  const generated = await generate(trained.model, plugins.integrator, { n: options.n, steps: config.visualization.n_sampling_steps, rng: rng.fork('noise') });
  const [heldA, heldB] = await heldOutDraws(plugins.dataset, options.n, (label) => rng.fork(label));
  const noise = rng.fork('start').fillNormal(new Float32Array(2 * options.n));
  const seed = config.training.seed;
  // The loss plot's Vega-Lite spec, from the browser entry of the renderers (a page would hand it to vega-embed);
  // the loss plot reads only the render context and the loss history of a result.
  const lossSpec = buildSpec('loss', { context: renderContextOf(config), lossHistory: trained.lossHistory } as unknown as FlowResult);
  return {
    backend: trained.model.backend,
    epochs: trained.epochsDone,
    lossHistory: trained.lossHistory,
    trainSeconds,
    nfe: generated.nfe,
    generated: flattenQuality(qualityMetrics(generated.x, heldA, heldB, { seed })),
    noise: flattenQuality(qualityMetrics(noise, heldA, heldB, { seed })),
    lossSpecRows: JSON.stringify(lossSpec).match(/"epoch":/g)?.length ?? 0,
    hasNodeProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
  };
}

(globalThis as { fvPipeline?: unknown }).fvPipeline = { run };
