import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { PluginRegistry, resolvePlugins, train, type FvConfig } from '@flow-visualizer/core';
import { builtinCouplingPlugins } from '@flow-visualizer/couplings';
import { shapeDatasetPlugins } from '@flow-visualizer/datasets';
import { builtinIntegratorPlugins } from '@flow-visualizer/integrators';
import { browserBackendPlugins, type MlpEngineModel } from '@flow-visualizer/backends/browser';
import { loadMlp } from '@flow-visualizer/backends';
import { exportConfigYaml } from './config-file.js';
import { resolveValues } from './problems.js';
import { exportRunFiles } from './run-export.js';
import { importModelFiles, importRun, readPickedFiles, type RunFile } from './run-import.js';
import { zipFiles } from './zip.js';
import { spawnSync } from 'node:child_process';
import { pickFolder, runFv, thrown, tmpDir, TINY_VALUES } from './test-utils/fv.js';

let dir: string;
let run: string;
let picked: RunFile[];

beforeAll(() => {
  dir = tmpDir();
  writeFileSync(path.join(dir, 'tiny.yaml'), exportConfigYaml({ ...TINY_VALUES, output: { dir: 'cli-run' } }));
  const r = runFv(['run', '--config', 'tiny.yaml'], dir);
  if (r.status !== 0) throw new Error(`fv run failed: ${r.stderr}`);
  run = path.join(dir, 'cli-run');
  picked = pickFolder(run);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('a CLI run imported into the page', () => {
  it('gives the settings, the spec and the weights that fv visualize would load, and the loss history', async () => {
    expect(picked.map((f) => f.path)).toEqual(expect.arrayContaining(['cli-run/config.yaml', 'cli-run/models/velocity_net/weights.bin', 'cli-run/models/checkpoint/weights.bin']));
    const imported = importRun(picked);
    const cli = await loadMlp(path.join(run, 'models/velocity_net'));
    expect(imported.spec).toEqual(cli.spec);
    expect(imported.spec.hiddenDims).toEqual([16, 16]);
    expect(imported.backend).toBe(cli.backend);
    expect(imported.state.step).toBe(cli.state.step);
    expect(imported.state.step).toBe(12); // 3 epochs of 4 batches
    for (const k of ['params', 'm', 'v', 'ema'] as const) {
      expect(imported.state[k]!.map((a) => Array.from(a))).toEqual(cli.state[k]!.map((a) => Array.from(a)));
    }
    const written = parse(readFileSync(path.join(run, 'config.yaml'), 'utf8'));
    expect(imported.values).toEqual(resolveValues(written));
    expect(imported.folder).toBe('cli-run');
    expect(imported.lossHistory).toEqual(JSON.parse(readFileSync(path.join(run, 'metrics.json'), 'utf8')).loss_history);
    expect(imported.warnings).toEqual([]);
  });

  it('takes the three files picked one by one', () => {
    const byName = (p: string) => ({ ...picked.find((f) => f.path === `cli-run/${p}`)!, path: path.basename(p) });
    const imported = importRun([byName('config.yaml'), byName('models/velocity_net/model.json'), byName('models/velocity_net/weights.bin')]);
    expect(imported.spec.hiddenDims).toEqual([16, 16]);
    // A config saved under another name is taken when it is the one YAML file picked.
    const modelOnly = importModelFiles(byName('models/velocity_net/model.json'), byName('models/velocity_net/weights.bin'));
    expect([modelOnly.spec, modelOnly.state.step]).toEqual([imported.spec, imported.state.step]);
    const renamed = importRun([{ ...byName('config.yaml'), path: 'moons-run.yml' }, byName('models/velocity_net/model.json'), byName('models/velocity_net/weights.bin')]);
    expect(renamed.values).toEqual(imported.values);
    const two = thrown(() => importRun([{ ...byName('config.yaml'), path: 'a.yml' }, { ...byName('config.yaml'), path: 'b.yaml' }, byName('models/velocity_net/model.json'), byName('models/velocity_net/weights.bin')]));
    expect([two.code, two.message]).toEqual(['CONFIG_NOT_FOUND', "2 YAML files were picked (a.yml, b.yaml) and none is config.yaml: which one holds the run's settings is unclear."]);
    expect(imported.lossHistory).toEqual([]);
  });

  it("refuses a model.json whose weights path leaves the model's folder, whatever file is picked beside it", () => {
    const model = picked.find((f) => f.path === 'cli-run/models/velocity_net/model.json')!;
    const weights = picked.find((f) => f.path === 'cli-run/models/velocity_net/weights.bin')!;
    for (const escape of ['../../../weights.bin', '/etc/passwd', 'C:\\x.bin']) {
      const json = JSON.parse(typeof model.data === 'string' ? model.data : new TextDecoder().decode(model.data));
      json.weightsManifest[0].paths = [escape];
      const bad = { ...model, data: new TextEncoder().encode(JSON.stringify(json)) };
      const e = thrown(() => importModelFiles(bad, { ...weights, path: escape.split(/[\\/]/).pop()! }));
      expect([escape, e.code, e.message]).toEqual([escape, 'MODEL_INVALID', expect.stringContaining(`its weights path ${JSON.stringify(escape)} leads outside the model's folder`)]);
    }
  });

  it('reads the run from picked Files: a folder, a zip made by the system\'s zip, or the page\'s own export zip', async () => {
    const asFile = (f: RunFile) => Object.assign(new File([f.data as BlobPart], path.basename(f.path)), { webkitRelativePath: f.path });
    const fromFolder = await readPickedFiles(picked.map(asFile));
    // Only what the import needs is read: no pictures, samples or checkpoint.
    expect(fromFolder.map((f) => f.path).sort()).toEqual(['cli-run/config.yaml', 'cli-run/metrics.json', 'cli-run/models/velocity_net/model.json', 'cli-run/models/velocity_net/weights.bin']);
    const zipped = spawnSync('zip', ['-r', '-q', 'cli-run.zip', 'cli-run'], { cwd: dir, encoding: 'utf8' });
    expect([zipped.status, zipped.stderr]).toEqual([0, '']);
    const zipBytes = readFileSync(path.join(dir, 'cli-run.zip'));
    const fromZip = await readPickedFiles([new File([zipBytes], 'cli-run.zip')]);
    expect(fromZip.map((f) => f.path).sort()).toEqual(fromFolder.map((f) => f.path).sort());
    const a = importRun(fromFolder), b = importRun(fromZip);
    expect(b.spec).toEqual(a.spec);
    expect(b.state.params.map((x) => Array.from(x))).toEqual(a.state.params.map((x) => Array.from(x)));
    expect(b.lossHistory).toEqual(a.lossHistory);
    // The page's own export (stored zip) reads back into the page too.
    const own = zipFiles([{ path: 'config.yaml', data: new Uint8Array(readFileSync(path.join(run, 'config.yaml'))) }, ...picked.filter((f) => f.path.startsWith('cli-run/models/velocity_net/')).map((f) => ({ path: f.path.replace('cli-run/', 'studio-run/'), data: f.data as Uint8Array }))]);
    const back = importRun(await readPickedFiles([new File([own as BlobPart], 'studio-run.zip')]));
    expect(back.spec).toEqual(a.spec);
    expect(back.folder).toBe('');
    const broken = await readPickedFiles([new File([zipBytes.subarray(0, zipBytes.length - 30)], 'cut.zip')]).catch((e) => e);
    expect([broken.code, broken.message]).toEqual(['DATA_INVALID', 'Cannot read cut.zip as a zip archive: no end-of-archive record (not a zip, or cut short).']);
  });

  it('says what is missing or broken', () => {
    const without = (p: string) => picked.filter((f) => f.path !== `cli-run/${p}`);
    const noWeights = thrown(() => importRun(without('models/velocity_net/weights.bin')));
    expect([noWeights.code, noWeights.message]).toEqual(['MODEL_NOT_FOUND', 'The model in cli-run/models/velocity_net has no weights.bin among the picked files (model.json lists its weights there).']);
    const noModel = thrown(() => importRun(without('models/velocity_net/model.json')));
    expect(noModel.code).toBe('MODEL_NOT_FOUND');
    expect(noModel.hint).toMatch(/fv train --resume/);
    expect(thrown(() => importRun(without('config.yaml'))).code).toBe('CONFIG_NOT_FOUND');
    const replace = (p: string, data: RunFile['data']) => picked.map((f) => (f.path === `cli-run/${p}` ? { ...f, data } : f));
    const edited = parse(readFileSync(path.join(run, 'config.yaml'), 'utf8'));
    edited.model.hidden_dims = [32, 32];
    const otherNet = thrown(() => importRun(replace('config.yaml', stringify(edited))));
    expect(otherNet.code).toBe('MODEL_INVALID');
    expect(otherNet.message).toBe('The model in cli-run/models/velocity_net has hidden_dims [16, 16] and time_embed_dim 64, but cli-run/config.yaml asks for [32, 32] and 64.');
    const short = thrown(() => importRun(replace('models/velocity_net/weights.bin', new Uint8Array(100))));
    expect([short.code, short.message]).toEqual(['MODEL_INVALID', expect.stringMatching(/^The model in cli-run\/models\/velocity_net is damaged: weights.bin has 100 bytes, the architecture needs \d+\.$/)]);
    const badConfig = thrown(() => importRun(replace('config.yaml', 'training:\n  n_epochs: many\n')));
    expect(badConfig.problems).toEqual([{ key: 'training.n_epochs', message: expect.stringMatching(/'training.n_epochs' must be a number, got 'many' \(in cli-run\/config.yaml\)/) }]);
    const two = thrown(() => importRun([...picked, ...picked.map((f) => ({ ...f, path: f.path.replace('cli-run/', 'other/') }))]));
    expect([two.code, two.message]).toEqual(['USAGE', expect.stringMatching(/hold 2 runs \(cli-run, other\)/)]);
  });
});

describe('a model trained in the page, exported', () => {
  it('is drawn by the real `fv visualize` from the exported config.yaml and model files, in a fresh folder', async () => {
    // What the page's worker does: the browser entries, the browser cpu backend, core's train().
    const values = resolveValues({ ...TINY_VALUES, training: { ...TINY_VALUES.training, device: 'cpu' } }) as FvConfig;
    const registry = new PluginRegistry([...builtinCouplingPlugins(), ...shapeDatasetPlugins(), ...builtinIntegratorPlugins(), ...browserBackendPlugins()]);
    const plugins = await resolvePlugins(values, registry, { baseDir: '/', only: ['dataset', 'backend', 'integrator', 'path', 'pairing'] });
    const trained = await train({ config: values, plugins });
    const model = trained.model as MlpEngineModel;
    expect(model.backend).toBe('cpu');
    const files = await exportRunFiles(values, model);
    model.dispose();
    expect(files.map((f) => f.path)).toEqual(['config.yaml', 'studio-run/models/velocity_net/model.json', 'studio-run/models/velocity_net/weights.bin']);
    // One download: the zip, unpacked by the system's unzip into a fresh folder.
    const fresh = path.join(dir, 'downloads');
    mkdirSync(fresh);
    writeFileSync(path.join(fresh, 'studio-run.zip'), zipFiles(files, new Date(2026, 10, 29, 12, 0, 0)));
    const unzip = spawnSync('unzip', ['-q', 'studio-run.zip'], { cwd: fresh, encoding: 'utf8' });
    expect([unzip.status, unzip.stderr]).toEqual([0, '']);
    for (const f of files) expect(Buffer.from(f.data).equals(readFileSync(path.join(fresh, f.path)))).toBe(true);
    const r = runFv(['visualize', '--config', 'config.yaml'], fresh);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/sliced W1/);
    expect(existsSync(path.join(fresh, 'studio-run/samples/generated.csv'))).toBe(true);
    expect(existsSync(path.join(fresh, 'studio-run/visualizations/flow.gif'))).toBe(true);
    // fv visualize read the page's weights: the model it loads is the page's, bit for bit.
    const back = await loadMlp(path.join(fresh, 'studio-run/models/velocity_net'));
    expect(back.state.step).toBe(12);
  });

  it('keeps Fourier features (model.fourier_features): fv visualize loads the page\'s B, and other settings are refused', async () => {
    const tiny = { ...TINY_VALUES, model: { ...TINY_VALUES.model, fourier_features: 4, fourier_scale: 2 }, training: { ...TINY_VALUES.training, device: 'cpu' } };
    const values = resolveValues(tiny) as FvConfig;
    const registry = new PluginRegistry([...builtinCouplingPlugins(), ...shapeDatasetPlugins(), ...builtinIntegratorPlugins(), ...browserBackendPlugins()]);
    const plugins = await resolvePlugins(values, registry, { baseDir: '/', only: ['dataset', 'backend', 'integrator', 'path', 'pairing'] });
    const model = (await train({ config: values, plugins })).model as MlpEngineModel;
    expect(model.spec.fourier).toMatchObject({ features: 4, scale: 2 });
    const files = await exportRunFiles(values, model);
    const fresh = path.join(dir, 'fourier');
    for (const f of files) {
      mkdirSync(path.dirname(path.join(fresh, f.path)), { recursive: true });
      writeFileSync(path.join(fresh, f.path), f.data);
    }
    const r = runFv(['visualize', '--config', 'config.yaml'], fresh);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const back = await loadMlp(path.join(fresh, 'studio-run/models/velocity_net'));
    expect(back.spec.fourier).toEqual(model.spec.fourier);
    const e = await exportRunFiles({ ...tiny, model: { ...tiny.model, fourier_scale: 3 } }, model).catch((x) => x);
    model.dispose();
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toBe('The model in the page has model.fourier_features 4, fourier_scale 2, but the config asks for model.fourier_features 4, fourier_scale 3.');
  });

  it('refuses a model whose network the settings no longer describe', async () => {
    const model = { spec: { dataDim: 2, timeEmbedDim: 64, hiddenDims: [16, 16], learningRate: 3e-3, seed: 7 }, backend: 'cpu', readState: async () => { throw new Error('not reached'); } };
    const e = await exportRunFiles({ model: { hidden_dims: [32] } }, model).catch((x) => x);
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toBe('The model in the page has hidden_dims [16, 16] and time_embed_dim 64, but the config asks for [32] and 64.');
  });
});
