/**
 * The pipeline in a real headless Chromium (Debian's `chromium`, driven by playwright-core; never a downloaded
 * browser), from a bundle of the browser entries: core, datasets, integrators, backends/browser and
 * renderers/specs, bundled once for the browser platform with no Node import. The page trains 12 epochs on
 * tfjs-cpu with OT pairing (on the page's thread: there are no worker threads), samples and measures; the loss
 * must fall and the samples must beat the noise they started from. (Measured: loss 0.24 → 0.16 in ~2 s; sliced
 * W1 0.16 against 0.32 for the noise.)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundleForBrowser } from '@flow-visualizer/core/testing';

const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAGE_SCRIPT = path.join(HERE, '__fixtures__', 'pipeline-page.ts');

type PageResult = {
  backend: string;
  epochs: number;
  lossHistory: number[];
  trainSeconds: number;
  nfe: number;
  generated: Record<string, number>;
  noise: Record<string, number>;
  lossSpecRows: number;
  hasNodeProcess: boolean;
};

const EPOCHS = 12;
const values = {
  data: { name: 'moons', n_samples: 1024 },
  model: { hidden_dims: [64, 64], time_embed_dim: 16 },
  training: { n_epochs: EPOCHS, batch_size: 128, learning_rate: 0.005, device: 'auto', seed: 3 },
  // OT pairing with no thread host (a page): every batch is paired on the training thread.
  flow: { pairing: 'ot' },
  visualization: { n_sampling_steps: 20 },
};

describe('the pipeline in Chromium, from the browser bundle', () => {
  let browser: Browser, page: Page, result: PageResult, bundleBytes: number;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's browser with \`apt-get install -y chromium\` (or set FV_CHROMIUM). This test never downloads a browser.`);
    }
    const bundle = await bundleForBrowser(PAGE_SCRIPT, { resolveDir: path.resolve(HERE, '../..'), minify: true });
    expect({ nodeImports: bundle.nodeImports, errors: bundle.errors }).toEqual({ nodeImports: [], errors: [] });
    bundleBytes = bundle.code.length;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage();
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ type: 'module', content: bundle.code });
    await page.waitForFunction(() => 'fvPipeline' in globalThis, undefined, { timeout: 30_000 });
    result = await page.evaluate(
      (opts) => (globalThis as unknown as { fvPipeline: { run(o: unknown): Promise<PageResult> } }).fvPipeline.run(opts),
      { values, n: 1000 },
    );
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('runs in the page with no Node, no error and no network request', () => {
    expect(bundleBytes).toBeGreaterThan(100_000);
    expect(result.hasNodeProcess).toBe(false);
    // Without a GPU, auto takes our WebAssembly kernels where the build made them (clang and lld present), else
    // plain JavaScript: the generated module says which.
    const wasmBuilt = !/FV_WASM_BASE64: string \| null = null/.test(readFileSync(path.resolve(HERE, '../../../backends/src/wasm/generated/fv-wasm-binary.ts'), 'utf8'));
    expect(result.backend).toBe(wasmBuilt ? 'wasm-c' : 'cpu');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('trains: every epoch has a finite loss, and the loss falls', () => {
    const h = result.lossHistory;
    expect(result.epochs).toBe(EPOCHS);
    expect(h).toHaveLength(EPOCHS);
    expect(h.every(Number.isFinite)).toBe(true);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(h.slice(-3))).toBeLessThan(0.9 * mean(h.slice(0, 3)));
    expect(result.lossSpecRows).toBe(EPOCHS);
  });

  it('samples, and the samples are much nearer the data than the noise they started from', () => {
    expect(result.nfe).toBe(20);
    const g = result.generated, z = result.noise;
    for (const k of ['sliced_w1', 'energy_distance', 'mmd_rbf', 'sliced_w1_floor']) {
      expect([k, Number.isFinite(g[k]), Number.isFinite(z[k])]).toEqual([k, true, true]);
    }
    expect(g.sliced_w1).toBeLessThan(0.75 * z.sliced_w1);
    expect(g.energy_distance).toBeLessThan(0.5 * z.energy_distance);
    expect(g.mmd_rbf).toBeLessThan(0.5 * z.mmd_rbf);
    // Still above what two draws of the data score: a few epochs do not make a perfect model (a sanity check on
    // the figures themselves).
    expect(g.sliced_w1).toBeGreaterThan(g.sliced_w1_floor);
  });
});
