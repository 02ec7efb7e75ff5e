/**
 * What visualize hands the renderers for a conditional run (FlowResult.conditions, .guidance, per-class metrics),
 * through the library: real config, plugins and backend, no renderer.
 */
import path from 'node:path';
import { PluginRegistry, resolvePlugins } from '@flow-visualizer/core';
import { resolveConfig, run } from '@flow-visualizer/core/node';
import { builtinCouplingPlugins } from '@flow-visualizer/couplings';
import { builtinDatasetPlugins } from '@flow-visualizer/datasets/node';
import { builtinBackendPlugins } from '@flow-visualizer/backends';
import { builtinIntegratorPlugins } from '@flow-visualizer/integrators';
import { tmpDir } from './test-utils/run-fv.js';

async function conditionalRun(values: Record<string, unknown>) {
  const { config } = resolveConfig({
    values: {
      data: { name: 'moons', n_samples: 600 },
      model: { architecture: 'resnet', width: 16, n_blocks: 1, expansion: 2, conditional: true },
      training: { n_epochs: 3, batch_size: 200, evolution_snapshots: 1, cond_dropout: 0.2 },
      visualization: { n_sampling_steps: 4, n_generated: 200, n_metric_samples: 400, n_shown_target: 150, n_w2_points: 100, renderers: [] },
      output: { dir: path.join(tmpDir('fv-condvis-'), 'run') },
      ...values,
    },
  });
  const registry = new PluginRegistry([...builtinCouplingPlugins(), ...builtinDatasetPlugins(), ...builtinBackendPlugins(), ...builtinIntegratorPlugins()]);
  const out = await run(config, await resolvePlugins(config, registry, { baseDir: process.cwd() }));
  return out.visualize!.result;
}

// Training and sampling for real take a minute or more on a loaded 2-core machine.
const LONG = 600_000;

describe('a conditional run\'s FlowResult', () => {
  it('classes: each drawn point\'s class, the guidance samples at 0, 1, 2, 4, and the per-class metrics', async () => {
    const r = await conditionalRun({});
    const c = r.conditions!;
    expect(c).toMatchObject({ kind: 'class', names: ['upper moon', 'lower moon'], label: 'class', guidance: 1 });
    expect(c.target).toHaveLength(150);
    expect(c.generated).toHaveLength(200);
    expect(new Set([...c.target, ...c.generated])).toEqual(new Set([0, 1]));
    // The shown target points' classes are theirs: the upper moon (0) lies above the lower one (1) on average.
    const meanY = (k: number) => {
      let s = 0, n = 0;
      c.target.forEach((l, i) => l === k && ((s += r.target[2 * i + 1]), n++));
      return s / n;
    };
    expect(meanY(0)).toBeGreaterThan(meanY(1));
    const g = r.guidance!;
    expect(g.weights).toEqual([0, 1, 2, 4]);
    expect(g.samples.map((s) => s.length)).toEqual([400, 400, 400, 400]);
    expect(Array.from(g.conditions)).toEqual(Array.from(c.generated));
    expect(g.samples[0]).not.toEqual(g.samples[3]); // the weight matters
    const m = r.metrics;
    expect(m.per_class!.map((p) => [p.class, p.name])).toEqual([[0, 'upper moon'], [1, 'lower moon']]);
    // Every generated point of the quality figures (n_metric_samples), each counted under the class it was asked for.
    expect(m.per_class!.reduce((s, p) => s + p.n, 0)).toBe(400);
    expect(m.nearest_class_share).toBeGreaterThanOrEqual(0);
    expect(r.evolution!.length).toBeGreaterThan(0); // the evolution snapshots ran with conditions
  }, LONG);

  it('a continuous condition: the target x of each point, or sampling.condition for all; no guidance figure without dropout', async () => {
    const r = await conditionalRun({ model: { architecture: 'resnet', width: 16, n_blocks: 1, expansion: 2, conditional: true, condition: 'x' }, training: { n_epochs: 2, batch_size: 200, evolution_snapshots: 0, cond_dropout: 0 }, sampling: { condition: 0.5 } });
    const c = r.conditions!;
    expect(c).toMatchObject({ kind: 'continuous', label: 'target x', guidance: 1 });
    c.target.forEach((v, i) => expect(v).toBe(r.target[2 * i]));
    expect(new Set(c.generated)).toEqual(new Set([0.5]));
    expect(r.guidance).toBeUndefined();
    expect(r.metrics.per_class).toBeUndefined();
  }, LONG);
});
