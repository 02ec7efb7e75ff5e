/**
 * Issue 24's defects, each through the built app's real controls in headless Chromium served by `fv studio`:
 * a quick second edit keeps the first (1); a huge value is stopped at the schema's maximum (2); an exported run
 * comes back at its epoch with its loss, and `fv visualize` finds it from another folder (4, 7); an out-of-range dataset option gets its message beside the field (3);
 * no old message stays beside a value that is now valid (6); a huge link is not quoted in full (8); Clear on the
 * pad stops training on the old drawing (10); an import keeps the importer's folder out of the shareable URL (11).
 * One server and one browser for the file; tiny workloads.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FvStudioApi } from './app/test-api.js';
import { openStudio, type StudioSession } from './test-utils/browser.js';
import { runFv, tmpDir } from './io/test-utils/fv.js';

declare global {
  interface Window {
    fvStudio: FvStudioApi;
  }
}

const SMALL = 'data.n_samples=512&model.hidden_dims=[16,16]&model.time_embed_dim=8&training.n_epochs=400&training.batch_size=64&visualization.n_sampling_steps=10';
const value = (s: StudioSession, name: string) => s.page.inputValue(`[name="${name}"]`);
const typeInto = async (s: StudioSession, name: string, text: string) => {
  await s.page.fill(`[name="${name}"]`, text);
  await s.page.press(`[name="${name}"]`, 'Tab');
};
const settle = (s: StudioSession) => s.page.evaluate(() => window.fvStudio.set({}));
/** Edits fields one after the other as fast as a user tabbing through them: no wait for the worker in between. */
const quickEdits = (s: StudioSession, edits: [string, string][]) =>
  s.page.evaluate((list) => {
    for (const [name, text] of list) {
      const input = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
      input.value = text;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }, edits);

describe('Flow Studio never loses an edit', () => {
  let s: StudioSession;
  beforeAll(async () => {
    s = await openStudio(SMALL);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('explains every control in a tooltip, with its range where it has one', async () => {
    const titles = await s.page.evaluate(() => [...document.querySelectorAll<HTMLElement>('label.field')].map((l) => [l.dataset.key, l.title]));
    expect(titles.length).toBeGreaterThan(10);
    expect(titles.filter(([, t]) => !t)).toEqual([]);
    expect(titles.find(([k]) => k === 'flow.pairing')![1]).toMatch(/noise point/);
  });

  it('(1) keeps a first edit when a second one follows at once, idle and while training', async () => {
    await quickEdits(s, [
      ['training.learning_rate', '0.01'],
      ['training.batch_size', '128'],
      ['training.seed', '7'],
    ]);
    await settle(s);
    const st = await s.page.evaluate(() => window.fvStudio.state());
    expect(st.values.training).toMatchObject({ learning_rate: 0.01, batch_size: 128, seed: 7 });
    expect(await value(s, 'training.learning_rate')).toBe('0.01');
    const hash = await s.page.evaluate(() => decodeURIComponent(location.hash));
    expect(hash).toContain('training.learning_rate=0.01');
    expect(hash).toContain('training.batch_size=128');

    await s.page.evaluate(() => window.fvStudio.train());
    await s.page.waitForFunction(() => window.fvStudio.state().epoch >= 1);
    await quickEdits(s, [
      ['visualization.n_sampling_steps', '100'],
      ['visualization.integrator', 'euler'],
    ]);
    await settle(s);
    await s.page.evaluate(() => window.fvStudio.pause());
    const v = (await s.page.evaluate(() => window.fvStudio.state().values.visualization)) as Record<string, unknown>;
    expect(v).toMatchObject({ n_sampling_steps: 100, integrator: 'euler' });
    expect(await value(s, 'visualization.n_sampling_steps')).toBe('100');
    expect(s.errors).toEqual([]);
  });

  it('(2) stops a huge step count beside its field, names the limit of the schema, and training still pauses', async () => {
    await s.page.evaluate(() => window.fvStudio.train());
    await s.page.waitForFunction(() => window.fvStudio.state().running);
    await typeInto(s, 'visualization.n_sampling_steps', '1000000000');
    await s.page.waitForSelector('[name="visualization.n_sampling_steps"][aria-invalid=true]', { timeout: 5_000 });
    expect(await s.page.locator('label[data-key="visualization.n_sampling_steps"] .msg').textContent()).toContain('10000');
    expect(await s.page.getAttribute('label[data-key="visualization.n_sampling_steps"]', 'title')).toContain('up to 10000');
    await s.page.click('button[name=train]');
    await s.page.waitForFunction(() => !window.fvStudio.state().running, undefined, { timeout: 20_000 });
    expect(((await s.page.evaluate(() => window.fvStudio.state().values.visualization)) as { n_sampling_steps: number }).n_sampling_steps).toBeLessThanOrEqual(10_000);
    // Through the API (as a script or a link would), the worker refuses it with the same limit.
    const r = await s.page.evaluate(() => window.fvStudio.set({ 'visualization.n_sampling_steps': 1_000_000_000 }));
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toContain('10000');
  });

  it('takes widths written as the link shows them, [32, 32]', async () => {
    await typeInto(s, 'model.hidden_dims', '[32, 32]');
    await s.page.waitForFunction(() => JSON.stringify((window.fvStudio.state().values.model as { hidden_dims: number[] }).hidden_dims) === '[32,32]', undefined, { timeout: 10_000 });
    expect(await s.page.evaluate(() => window.fvStudio.state().errors)).toEqual({});
    await s.page.evaluate(() => window.fvStudio.set({ 'model.hidden_dims': [16, 16] }));
  });

  it('(3) shows an out-of-range dataset option beside its field, marked aria-invalid', async () => {
    await s.page.evaluate(() => window.fvStudio.set({ 'data.name': 'trex' }));
    await typeInto(s, 'data.options.outline', '7');
    // Waits for the refusal without another edit (a later accepted edit would rightly put the valid value back).
    await s.page.waitForSelector('[name="data.options.outline"][aria-invalid=true]', { timeout: 10_000 });
    expect(await value(s, 'data.options.outline')).toBe('7');
    const msg = await s.page.locator('label[data-key="data.options.outline"] .msg').textContent();
    expect(msg).toMatch(/outline/);
    expect(msg).toMatch(/1/);
    expect((await s.page.evaluate(() => window.fvStudio.state().values.data)) as object).toMatchObject({ name: 'trex' });
  });

  it('(6) drops a message once the value beside it is valid again', async () => {
    await s.page.evaluate(() => window.fvStudio.set({ 'data.name': 'moons', 'training.n_epochs': 1 }));
    await s.page.evaluate(() => window.fvStudio.reset());
    await s.page.evaluate(() => window.fvStudio.step());
    await s.page.waitForFunction(() => window.fvStudio.state().epoch === 1);
    const refused = await s.page.evaluate(() => window.fvStudio.train());
    expect(refused.ok).toBe(false);
    expect(Object.keys(await s.page.evaluate(() => window.fvStudio.state().errors))).not.toHaveLength(0);
    // After Reset, training 1 epoch is possible again: the "already trained" message must go.
    await s.page.click('button[name=reset]');
    await s.page.waitForFunction(() => window.fvStudio.state().epoch === 0);
    await s.page.waitForFunction(() => Object.keys(window.fvStudio.state().errors).length === 0, undefined, { timeout: 5_000 });
    expect(await s.page.evaluate(() => window.fvStudio.state().errors)).toEqual({});
    await s.page.evaluate(() => window.fvStudio.set({ 'training.n_epochs': 400 }));
  });

  it('(10) Clear on the pad stops training on the old drawing, and says so', async () => {
    const canvas = s.page.locator('.panel.data canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await s.page.mouse.move(box.x + 0.3 * box.width, box.y + 0.5 * box.height);
    await s.page.mouse.down();
    for (let k = 1; k <= 20; k++) await s.page.mouse.move(box.x + (0.3 + 0.02 * k) * box.width, box.y + 0.5 * box.height, { steps: 2 });
    await s.page.mouse.up();
    await s.page.waitForFunction(() => (window.fvStudio.state().values.data as { name: string }).name === 'points');
    await s.page.click('.panel.data button[data-action=clear]');
    await s.page.waitForFunction(() => (window.fvStudio.state().values.data as { name: string }).name !== 'points');
    expect((await s.page.evaluate(() => window.fvStudio.state().values.data)) as object).toMatchObject({ name: 'moons' });
    expect(await s.page.textContent('.panel.data .msg')).toMatch(/cleared/i);
  });

  it('(4, 7) an exported run comes back where it stood (epochs, loss curve), fv visualize draws it from any folder; an untrained model is not exported', async () => {
    await s.page.evaluate(() => window.fvStudio.reset());
    expect(await s.page.evaluate(() => window.fvStudio.exportFiles())).toMatch(/untrained/);
    for (let k = 0; k < 3; k++) await s.page.evaluate(() => window.fvStudio.step());
    await s.page.waitForFunction(() => window.fvStudio.state().epoch === 3);
    const before = await s.page.evaluate(() => window.fvStudio.state());
    const files = await s.page.evaluate(() => window.fvStudio.exportFiles());
    if (typeof files === 'string') throw new Error(files);
    const dir = tmpDir('fv-studio-export-back-');
    for (const f of files) {
      mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
      writeFileSync(path.join(dir, f.path), Buffer.from(f.base64, 'base64'));
    }
    // (7) and the CLI: `fv visualize` from another folder finds the run beside the config and draws its loss.
    const elsewhere = tmpDir('fv-studio-elsewhere-');
    const v = runFv(['visualize', '--config', path.join(dir, 'config.yaml'), 'visualization.renderers=[canvas]', 'visualization.n_metric_samples=200', 'visualization.n_generated=200'], elsewhere);
    expect([v.status, v.stderr]).toEqual([0, expect.anything()]);
    const metrics = JSON.parse(readFileSync(path.join(dir, 'studio-run/metrics.json'), 'utf8')) as { loss_history: number[] };
    expect(metrics.loss_history).toEqual(before.lossHistory);
    expect(readdirSync(elsewhere)).toEqual([]);

    await s.page.evaluate(() => window.fvStudio.reset());
    await s.page.setInputFiles('input[name=import-files]', files.map((f) => path.join(dir, f.path)));
    await s.page.waitForFunction(() => window.fvStudio.state().epoch === 3, undefined, { timeout: 30_000 });
    const after = await s.page.evaluate(() => window.fvStudio.state());
    expect(after.lossHistory).toEqual(before.lossHistory);
    expect(after.nEpochs).toBe(400);
    expect(await s.page.textContent('#epoch')).toBe('3 / 400');
    const r = await s.page.evaluate(() => window.fvStudio.train());
    expect(r.ok).toBe(true);
    await s.page.evaluate(() => window.fvStudio.pause());
  });

  it('(11) an imported run keeps its folder out of the shareable URL', async () => {
    const dir = tmpDir('fv-studio-import-url-');
    const r = runFv(['run', 'data.name=moons', 'data.n_samples=200', 'model.hidden_dims=[16,16]', 'training.n_epochs=2', 'training.batch_size=50', 'visualization.renderers=[canvas]', 'visualization.n_metric_samples=100', 'visualization.n_generated=100', `output.dir=${path.join(dir, 'run')}`], dir);
    expect([r.status, r.stderr]).toEqual([0, expect.anything()]);
    const previews = (await s.page.evaluate(() => window.fvStudio.state())).previews;
    const run = path.join(dir, 'run');
    await s.page.setInputFiles('input[name=import-files]', ['config.yaml', 'models/velocity_net/model.json', 'models/velocity_net/weights.bin', 'metrics.json'].map((f) => path.join(run, f)));
    await s.page.waitForFunction((n) => window.fvStudio.state().previews > n && (window.fvStudio.state().values.training as { n_epochs: number }).n_epochs === 2, previews, { timeout: 60_000 });
    const hash = await s.page.evaluate(() => decodeURIComponent(location.hash));
    expect(hash).toContain('training.n_epochs=2');
    expect(hash).not.toContain('output.dir');
    expect(hash).not.toContain(dir);
    expect(await s.page.textContent('.cli-command')).not.toContain(dir);
  });
});

describe('Flow Studio with a huge link', () => {
  it('(2) refuses a link whose step count is above the limit, and opens with the defaults', async () => {
    const s = await openStudio('visualization.n_sampling_steps=1000000000');
    try {
      const st = await s.page.evaluate(() => window.fvStudio.state());
      expect(st.errors['visualization.n_sampling_steps']).toContain('10000');
      expect((st.values.visualization as { n_sampling_steps: number }).n_sampling_steps).toBe(100);
    } finally {
      await s.close();
    }
  });

  it('(8) does not quote a 20,000-character hash in full', async () => {
    const s = await openStudio(`data.name=${'x'.repeat(20_000)}`);
    try {
      const errors = await s.page.evaluate(() => window.fvStudio.state().errors);
      const text = Object.values(errors).join(' ');
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThan(1000);
      expect(await s.page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(3000);
    } finally {
      await s.close();
    }
  });
});

describe('Flow Studio on a phone', () => {
  it('shows one plot per row at 390 px', async () => {
    const s = await openStudio(SMALL, { width: 390, height: 844 });
    try {
      const boxes = await s.page.evaluate(() => ['.panel.samples', '.panel.vfield', '.panel.paths'].map((sel) => document.querySelector(sel)!.getBoundingClientRect().toJSON() as DOMRect));
      for (const b of boxes) expect(b.width).toBeGreaterThan(300);
      expect(boxes[1].top).toBeGreaterThanOrEqual(boxes[0].bottom);
      expect(boxes[2].top).toBeGreaterThanOrEqual(boxes[1].bottom);
      await s.page.screenshot({ path: path.join(tmpDir('fv-studio-phone-'), 'phone.png'), fullPage: true });
      await s.page.screenshot({ path: '/tmp/fv-studio-phone-390.png' });
    } finally {
      await s.close();
    }
  });
});
