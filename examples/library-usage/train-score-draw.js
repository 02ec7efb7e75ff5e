// Training without rendering, then sampling, scoring and drawing one's own points: the parts of a run called one
// by one. No renderer plugin is registered (resolvePlugins leaves the renderers out), and the picture is drawn
// from a Float32Array with renderPointsPng, no FlowResult needed. Usage: node train-score-draw.js [output.png]
import { PluginRegistry, createRng, generate, qualityMetrics, resolvePlugins, sampleTarget, train } from '@flow-visualizer/core';
import { resolveConfig } from '@flow-visualizer/core/node';
import { shapeDatasetPlugins } from '@flow-visualizer/datasets';
import { builtinBackendPlugins } from '@flow-visualizer/backends';
import { builtinCouplingPlugins } from '@flow-visualizer/couplings';
import { builtinIntegratorPlugins } from '@flow-visualizer/integrators';
import { renderPointsPng } from '@flow-visualizer/renderers';

const png = process.argv[2] ?? 'moons-samples.png';
const { config } = resolveConfig({
  values: {
    data: { name: 'moons', n_samples: 1000 },
    model: { hidden_dims: [32, 32] },
    training: { n_epochs: 3, device: 'cpu' },
    visualization: { renderers: [] }, // nothing to draw: `renderers: []` is a valid config
  },
});

const registry = new PluginRegistry([...shapeDatasetPlugins(), ...builtinBackendPlugins(), ...builtinCouplingPlugins(), ...builtinIntegratorPlugins()]);
const plugins = await resolvePlugins(config, registry, { baseDir: process.cwd() });

const { model, lossHistory } = await train({ config, plugins });
console.log(`losses: ${lossHistory.map((l) => l.toFixed(4)).join(' ')}`);

const { x } = await generate(model, plugins.integrator, { n: 1000, steps: 20, rng: createRng(1, 'samples') });
const heldOut = await sampleTarget({ ...config, training: { ...config.training, seed: 2 } }, plugins.dataset);
const floor = await sampleTarget({ ...config, training: { ...config.training, seed: 3 } }, plugins.dataset);
console.log(`sliced_w1: ${qualityMetrics(x, heldOut, floor).sliced_w1.toFixed(4)}`);

await renderPointsPng(x, png, { title: 'moons: 1000 samples' });
console.log(`drew ${png}`);
model.dispose();
