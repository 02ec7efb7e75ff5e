const core = await import('@flow-visualizer/core');
const be = await import('@flow-visualizer/backends');
const { loadAddon } = await import(process.cwd() + '/packages/backends/dist/model/native-net.js');
const addon = loadAddon();
const orig = addon.trainStep;
let inC = 0, calls = 0;
addon.trainStep = function (...a) { const t0 = performance.now(); const r = orig.apply(this, a); inC += performance.now() - t0; calls++; return r; };
const ds = await import('@flow-visualizer/datasets');
const plugin = ds.shapeDatasetPlugins().find((p) => p.id === 'trex');
const config0 = core.ConfigSchema.parse({ data: { n_samples: 10000 } });
const dataset = await plugin.create(plugin.optionsSchema.parse({}), { baseDir: process.cwd(), rng: core.createRng(0, 'plugin'), config: config0, log: () => {} });
const data = await core.sampleTarget(config0, dataset);
const backend = await be.builtinBackendPlugins().find((p) => p.id === 'native').create({}, {});
const E = Number(process.argv[2] ?? 12);
const config = core.ConfigSchema.parse({ data: { n_samples: 10000 }, training: { n_epochs: E, device: 'native', evolution_snapshots: 0 } });
const model = await backend.createModel(core.modelSpecOf(config));
const rows = [];
let mark = 0, cmark = 0;
await core.train(config, { dataset: { id: 'trex' }, backend, path: core.linearPath() }, {
  onEpoch: (e) => { rows.push([e.epochSeconds * 1000, inC - cmark, calls - mark]); cmark = inC; mark = calls; },
}, { model, startEpoch: 0, lossHistory: [] }, data);
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const r = rows.slice(2);
const wall = med(r.map((x) => x[0])), c = med(r.map((x) => x[1])), n = r[0][2];
console.log(`epoch ${wall.toFixed(2)} ms, in addon.trainStep ${c.toFixed(2)} ms, outside ${(wall - c).toFixed(2)} ms = ${((wall - c) / n).toFixed(4)} ms/step over ${n} steps; C per step ${(c / n).toFixed(4)}; last loss ${rows.length}`);
model.dispose();
