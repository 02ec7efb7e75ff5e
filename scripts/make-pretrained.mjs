#!/usr/bin/env node
// The studio's pretrained demo models: one small network per built-in dataset, trained here once and committed as
// packages/studio/public/pretrained/<dataset>.json (a few kilobytes each), so that the page's first screen already
// flows. Never run at install or build time: run it by hand after changing the recipe below, then commit the files.
//   node scripts/make-pretrained.mjs [--epochs 600] [--hidden 32,32,32] [--time-embed 8] [--only moons,trex] [--out DIR]
// Each file holds the network's spec and its weights as float16 (base64), the settings that made it and its
// last loss; the page decodes it into a model of the same spec (packages/studio/src/live/pretrained.ts).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PluginRegistry, createRng, generate, resolvePlugins, sampleTarget, slicedWasserstein, train } from '@flow-visualizer/core';
import { resolveConfig } from '@flow-visualizer/core/node';
import { shapeDatasetPlugins } from '@flow-visualizer/datasets';
import { builtinBackendPlugins } from '@flow-visualizer/backends';
import { builtinCouplingPlugins } from '@flow-visualizer/couplings';
import { builtinIntegratorPlugins } from '@flow-visualizer/integrators';

const args = { epochs: '600', only: '', out: 'packages/studio/public/pretrained', hidden: '32,32,32', 'time-embed': '8' };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in args) || process.argv[i + 1] === undefined) {
    console.error(`make-pretrained: unknown option '${process.argv[i]}' (use --epochs N, --only a,b, --out DIR, --hidden 32,32, --time-embed 8)`);
    process.exit(2);
  }
  args[key] = process.argv[i + 1];
}

/**
 * The recipe: small enough to ship (2,530 weights: 2-D point + 8 time features → 32 → 32 → 32 → 2, ~7.5 KB a
 * file), big enough that every built-in shape is recognisable (two layers of 32 left the T-Rex's legs one smear). The moving average is off so that the stored weights are what predicts.
 */
const RECIPE = {
  data: { n_samples: 4000 },
  model: { hidden_dims: args.hidden.split(',').map(Number), time_embed_dim: Number(args['time-embed']) },
  training: { batch_size: 128, learning_rate: 0.01, ema_decay: 0, lr_schedule: 'cosine', seed: 42 },
  visualization: { renderers: [] },
};

const registry = new PluginRegistry([...shapeDatasetPlugins(), ...builtinBackendPlugins(), ...builtinCouplingPlugins(), ...builtinIntegratorPlugins()]);
const names = args.only ? args.only.split(',') : shapeDatasetPlugins().map((p) => p.id).filter((id) => !['points', 'svg', 'image'].includes(id));
mkdirSync(args.out, { recursive: true });
for (const name of names) {
  const values = { ...RECIPE, data: { ...RECIPE.data, name }, training: { ...RECIPE.training, n_epochs: Number(args.epochs) } };
  const { config } = resolveConfig({ values });
  const plugins = await resolvePlugins(config, registry, { baseDir: process.cwd() });
  const { model, lossHistory, trainSeconds } = await train({ config, plugins });
  const state = await model.readState();
  // A look at how good it is, for this log only: at 2,000 points the figure moves by ~2× between draws, too noisy to ship.
  const { x } = await generate(model, plugins.integrator, { n: 2000, steps: 50, rng: createRng(1, 'pretrained-check') });
  const a = await sampleTarget({ ...config, data: { ...config.data, n_samples: 2000 }, training: { ...config.training, seed: 2 } }, plugins.dataset);
  const b = await sampleTarget({ ...config, data: { ...config.data, n_samples: 2000 }, training: { ...config.training, seed: 3 } }, plugins.dataset);
  // Sliced W1 of the samples to one fresh draw, and of a second fresh draw to it: the floor of 2,000 points.
  const q = { sliced_w1: slicedWasserstein(x, a), floor: { sliced_w1: slicedWasserstein(b, a) } };
  const file = {
    format: 'fv-pretrained/1',
    dataset: name,
    made_by: `node scripts/make-pretrained.mjs --epochs ${args.epochs} --hidden ${args.hidden} --time-embed ${args['time-embed']}`,
    settings: values,
    epochs: lossHistory.length,
    final_loss: Number(lossHistory.at(-1).toPrecision(4)),
    spec: { ...model.spec, emaDecay: 0 },
    // Parameters in the backend's order (paramInfos), float16, little-endian, concatenated; sizes to split them.
    sizes: state.params.map((p) => p.length),
    weights_f16: Buffer.from(toFloat16(state.params)).toString('base64'),
  };
  const out = path.join(args.out, `${name}.json`);
  writeFileSync(out, `${JSON.stringify(file)}\n`);
  console.log(`${name}: ${lossHistory.length} epochs in ${trainSeconds.toFixed(1)} s, loss ${lossHistory.at(-1).toFixed(3)}, sliced W1 ${q.sliced_w1.toFixed(3)} (floor ${q.floor.sliced_w1.toFixed(3)}) -> ${out}`);
  model.dispose();
}
// The page reads this list first, so that it never asks for a file that is not there.
const datasets = readdirSync(args.out).filter((f) => f.endsWith('.json') && f !== 'index.json').map((f) => f.replace(/\.json$/, '')).sort();
writeFileSync(path.join(args.out, 'index.json'), `${JSON.stringify({ format: 'fv-pretrained-index/1', datasets })}\n`);
console.log(`index: ${datasets.join(', ')}`);

/** IEEE half floats of every parameter, in order (round to nearest; the weights are far from the half's limits). */
function toFloat16(params) {
  const total = params.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(2 * total);
  const view = new DataView(out.buffer);
  let k = 0;
  for (const p of params) for (const v of p) view.setUint16(2 * k++, half(v), true);
  return out;
}

function half(v) {
  const f = new Float32Array([v]);
  const u = new Uint32Array(f.buffer)[0];
  const sign = (u >>> 16) & 0x8000;
  const exp = ((u >>> 23) & 0xff) - 127 + 15;
  const mant = u & 0x7fffff;
  if (exp <= 0) {
    if (exp < -10) return sign;
    const m = (mant | 0x800000) >>> (1 - exp);
    return sign | ((m + 0x1000) >>> 13);
  }
  if (exp >= 31) return sign | 0x7c00;
  // Rounding may carry into the exponent, which is the correct next half.
  return sign | ((exp << 10) + ((mant + 0x1000) >>> 13));
}
