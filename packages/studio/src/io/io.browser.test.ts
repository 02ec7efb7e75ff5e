/**
 * The io modules in a real headless Chromium (Debian's, through playwright-core; never a downloaded browser),
 * bundled for the browser platform: no Node import, and the page reads a CLI run's folder into the same model.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundleForBrowser } from '@flow-visualizer/core/testing';
import { exportConfigYaml } from './config-file.js';
import { resolveValues } from './problems.js';
import { pickFolder, runFv, tmpDir, TINY_VALUES } from './test-utils/fv.js';

const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const HERE = path.dirname(fileURLToPath(import.meta.url));

let browser: Browser;
let page: Page;
let dir: string;
const errors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set FV_CHROMIUM); this test never downloads a browser.`);
  const bundle = await bundleForBrowser(path.join(HERE, '__fixtures__', 'io-page.ts'), { resolveDir: path.resolve(HERE, '../..'), minify: true });
  expect({ nodeImports: bundle.nodeImports, errors: bundle.errors }).toEqual({ nodeImports: [], errors: [] });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ type: 'module', content: bundle.code });
  await page.waitForFunction(() => 'fvIo' in globalThis, undefined, { timeout: 30_000 });
  dir = tmpDir();
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('studio io in Chromium', () => {
  it('imports a CLI run folder into the same spec and weights as the files hold', async () => {
    writeFileSync(path.join(dir, 'tiny.yaml'), exportConfigYaml({ ...TINY_VALUES, output: { dir: 'run' } }));
    const r = runFv(['run', '--config', 'tiny.yaml'], dir);
    expect(r.status).toBe(0);
    // What the page needs of the folder (the pictures and samples would only slow the transfer into the page).
    const files = pickFolder(path.join(dir, 'run')).filter((f) => /(config\.yaml|metrics\.json|models\/.*)$/.test(f.path)).map((f) => ({ path: f.path, data: Array.from(f.data as Uint8Array) }));
    const got = await page.evaluate((fs) => (globalThis as any).fvIo.importRun(fs), files);
    const model = JSON.parse(readFileSync(path.join(dir, 'run/models/velocity_net/model.json'), 'utf8'));
    expect(got.spec.hiddenDims).toEqual(model.modelTopology.config.hiddenDims);
    expect(got.step).toBe(model.optimizer.step);
    expect(Buffer.from(Uint8Array.from(got.weights)).equals(readFileSync(path.join(dir, 'run/models/velocity_net/weights.bin')))).toBe(true);
    expect(got.values.model.hidden_dims).toEqual([16, 16]);
    expect(got.lossHistory).toHaveLength(3);
    // The same run zipped by the system's zip (deflate), opened in the page (DecompressionStream); without its
    // pictures, which would only slow the transfer into the page (the Node test zips the whole folder).
    const zipped = spawnSync('zip', ['-r', '-q', 'run.zip', 'run', '-x', 'run/visualizations/*', 'run/samples/*'], { cwd: dir, encoding: 'utf8' });
    expect(zipped.status).toBe(0);
    const fromZip = await page.evaluate((z) => (globalThis as any).fvIo.importZip(z), Array.from(readFileSync(path.join(dir, 'run.zip'))));
    expect(fromZip.spec).toEqual(got.spec);
    expect(fromZip.weights).toEqual(got.weights);
  });

  it('writes the same config.yaml as Node does, and round-trips settings through the URL', async () => {
    const values = { ...TINY_VALUES, flow: { pairing: 'ot' }, data: { name: 'points', options: { points: [[0.5, -1], [1, 2]] } } };
    expect(await page.evaluate((v) => (globalThis as any).fvIo.exportConfigYaml(v), values)).toBe(exportConfigYaml(values));
    const trip = await page.evaluate((v) => (globalThis as any).fvIo.roundTrip(v), resolveValues(values));
    expect(trip).toMatchObject({ same: true, problems: [] });
    expect(trip.hash).toContain('#data.name=points&data.options.points=[[0.5,-1],[1,2]]&model.hidden_dims=[16,16]');
    expect(trip.hash).toContain('&visualization.renderers=[canvas]');
    expect(errors).toEqual([]);
  });
});
