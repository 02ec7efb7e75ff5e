// Another tool using Flow Visualizer as a library: build a config in code, pick plugins, call the pipeline.
// No cli, no DI container, no YAML file. Usage: node index.js [output-dir]
import { PluginRegistry, resolvePlugins } from '@flow-visualizer/core';
import { builtinCouplingPlugins } from '@flow-visualizer/couplings'; // the paths, pairings and exact assignment
import { resolveConfig, run } from '@flow-visualizer/core/node'; // reads and writes files: Node-only
import { builtinDatasetPlugins } from '@flow-visualizer/datasets/node'; // with the file readers (points, svg, image)
import { builtinBackendPlugins } from '@flow-visualizer/backends';
import { builtinIntegratorPlugins } from '@flow-visualizer/integrators';
import { builtinRendererPlugins } from '@flow-visualizer/renderers';

const outDir = process.argv[2] ?? 'outputs/library-usage';

// The same layered, validated config the cli uses; `values` stands in for a YAML file.
const { config } = resolveConfig({
  values: {
    data: { name: 'moons', n_samples: 2000 },
    model: { hidden_dims: [64, 64] },
    training: { n_epochs: 5, device: 'auto' },
    visualization: { n_sampling_steps: 20, n_generated: 1000, n_shown_target: 1000 },
    output: { dir: outDir },
  },
});

const registry = new PluginRegistry([
  ...builtinCouplingPlugins(),
  ...builtinDatasetPlugins(),
  ...builtinBackendPlugins(),
  ...builtinIntegratorPlugins(),
  ...builtinRendererPlugins(),
]);
const plugins = await resolvePlugins(config, registry, { baseDir: process.cwd() });

const result = await run(config, plugins, {
  onEpoch: ({ epoch, nEpochs, loss }) => console.log(`epoch ${epoch}/${nEpochs} loss ${loss.toFixed(4)}`),
});
const m = result.visualize.result.metrics;
console.log(`backend: ${m.backend}`);
console.log(`sliced_w1: ${m.sliced_w1.toFixed(4)} (noise floor ${m.sliced_w1_floor.toFixed(4)})`);
console.log(`files: ${result.files.length}`);
