/**
 * The richer live views and the pretrained demo in the built app, in Debian's Chromium served by `fv studio`,
 * driven through their real controls: the first screen already flows on the dataset's pretrained model (with
 * the banner saying so, the run's own model untrained); the particles loop, pause mid-play and follow their
 * slider, over the model's field at their time; the pairing lines change from none to ot (the view's menu and
 * the run's own pairing control); the field view follows the time slider; a link with another dataset (or a
 * dataset picked) shows that dataset's demo, other dataset options none; training replaces the demo and the
 * density view updates as it trains. Screenshots at 1280 and 390 px go to $TMPDIR/fv-studio-live/.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FvStudioApi } from '../app/test-api.js';
import { openStudio, type StudioSession } from '../test-utils/browser.js';

declare global {
  interface Window {
    fvStudio: FvStudioApi;
  }
}

// The T-Rex at its default options (its demo applies) with a tiny model of the user's own, quick to train here.
const SMALL = 'data.n_samples=512&model.hidden_dims=[16,16]&model.time_embed_dim=8&training.n_epochs=6&training.batch_size=64&visualization.n_sampling_steps=10';
const SHOTS = path.join(os.tmpdir(), 'fv-studio-live');

describe('Flow Studio: live views and the pretrained demo', () => {
  let s: StudioSession;
  const pixels = (panel: string) => s.page.evaluate((sel) => document.querySelector<HTMLCanvasElement>(`.panel.${sel} canvas`)!.toDataURL(), panel);
  /** Pixels of the generated points' colour (#e4572e) in a panel. */
  const orange = (panel: string) =>
    s.page.evaluate((sel) => {
      const c = document.querySelector<HTMLCanvasElement>(`.panel.${sel} canvas`)!;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] > 190 && d[i + 1] < 140 && d[i + 2] < 110) n++;
      return n;
    }, panel);
  const state = () => s.page.evaluate(() => window.fvStudio.state());

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openStudio(SMALL);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens on the pretrained T-Rex: the views flow, the banner says so, the run\'s own model is untrained', async () => {
    const st = await state();
    expect(st.pretrained).toMatchObject({ dataset: 'trex', hiddenDims: [32, 32, 32] });
    expect(st.pretrained!.epochs).toBeGreaterThan(0);
    expect([st.epoch, st.previews, st.previewEpoch]).toEqual([0, 0, -1]);
    await expect(s.page.locator('.pretrained-note').isVisible()).resolves.toBe(true);
    expect(await s.page.locator('.pretrained-note').textContent()).toMatch(/Pretrained demo.*trex.*make-pretrained/);
    expect(await s.page.getByRole('button', { name: 'Train it yourself' }).isVisible()).toBe(true);
    // Generated points in the samples, particles and paths panels: the first screen flows.
    for (const panel of ['samples', 'particles', 'paths']) expect([panel, (await orange(panel)) > 100]).toEqual([panel, true]);
    await s.page.screenshot({ path: path.join(SHOTS, 'first-open-1280.png'), fullPage: true });
  });

  it('particles play in a loop, pause mid-play, and follow their slider', async () => {
    expect((await state()).particles.playing).toBe(true);
    const a = await pixels('particles');
    await s.page.waitForTimeout(300);
    expect(await pixels('particles')).not.toBe(a);
    // The loop: t comes back to the start after reaching 1.
    const t0 = (await state()).particles.t;
    await s.page.waitForFunction((t) => window.fvStudio.state().particles.t < t, t0, { timeout: 20_000 });
    await s.page.waitForFunction(() => window.fvStudio.state().particles.t > 0.3 && window.fvStudio.state().particles.t < 0.7, undefined, { timeout: 20_000 });
    await s.page.getByRole('button', { name: 'pause particles' }).click();
    const paused = await state();
    expect(paused.particles.playing).toBe(false);
    expect(paused.particles.t).toBeGreaterThan(0.2);
    expect(paused.particles.t).toBeLessThan(0.8);
    const still = await pixels('particles');
    await s.page.waitForTimeout(400);
    expect(await pixels('particles')).toBe(still);
    expect((await state()).particles.t).toBe(paused.particles.t);
    await s.page.getByLabel('particle time').fill('0.95');
    expect((await state()).particles).toEqual({ playing: false, t: 0.95 });
    expect(await pixels('particles')).not.toBe(still);
    await s.page.locator('.panel.particles').screenshot({ path: path.join(SHOTS, 'particles-paused-1280.png') });
    // The model's field at the particles' time lies under them: hiding it changes the picture, showing it restores it.
    const withField = await pixels('particles');
    await s.page.getByLabel('field under the particles').uncheck();
    expect(await pixels('particles')).not.toBe(withField);
    await s.page.getByLabel('field under the particles').check();
    expect(await pixels('particles')).toBe(withField);
    await s.page.getByRole('button', { name: 'play particles' }).click();
    expect((await state()).particles.playing).toBe(true);
  });

  it('draws the pairing lines of a real batch: ot joins the same points with shorter lines than none', async () => {
    expect((await state()).pairs).toMatchObject({ pairing: 'none', own: true, n: 64 });
    const none = await pixels('pairing');
    const noneCost = (await state()).pairs!.cost;
    await s.page.getByLabel('pairing to show').selectOption('ot');
    await s.page.waitForFunction(() => window.fvStudio.state().pairs?.pairing === 'ot');
    const ot = await state();
    expect(ot.pairs).toMatchObject({ own: false, n: 64 });
    expect(ot.pairs!.cost).toBeLessThan(0.6 * noneCost);
    expect(await pixels('pairing')).not.toBe(none);
    await s.page.locator('.panel.pairing').screenshot({ path: path.join(SHOTS, 'pairing-ot-1280.png') });
    // The run's own pairing, set by its control: the view shows it as the run's.
    await s.page.getByLabel('pairing to show').selectOption({ index: 0 });
    await s.page.selectOption('[name="flow.pairing"]', 'ot');
    await s.page.waitForFunction(() => window.fvStudio.state().pairs?.pairing === 'ot' && window.fvStudio.state().pairs?.own === true);
    expect(await s.page.locator('[aria-label="pairing to show"] option').first().textContent()).toBe("ot (this run's)");
    await s.page.selectOption('[name="flow.pairing"]', 'none');
    await s.page.waitForFunction(() => window.fvStudio.state().pairs?.pairing === 'none' && window.fvStudio.state().pretrained !== undefined);
  });

  it('shows the model\'s field at the time slider\'s time', async () => {
    await s.page.locator('.time input').fill('20');
    const end = await pixels('vfield');
    await s.page.locator('.time input').fill('4');
    expect(await s.page.locator('.time output').textContent()).toBe('t = 0.20');
    expect(await pixels('vfield')).not.toBe(end);
    await s.page.locator('.time input').fill('20');
    expect(await pixels('vfield')).toBe(end);
  });

  it('a link with another dataset opens on its demo, a dataset picked shows its own, other options none', async () => {
    // On a phone: the first screen there, too, flows at once.
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await page.goto(`${s.url}#data.name=spiral&${SMALL}`);
      await page.waitForFunction(() => 'fvStudio' in window);
      await page.evaluate(() => window.fvStudio.ready);
      expect(await page.evaluate(() => window.fvStudio.state().pretrained?.dataset)).toBe('spiral');
      await page.screenshot({ path: path.join(SHOTS, 'first-open-spiral-390.png') });
      await page.screenshot({ path: path.join(SHOTS, 'first-open-spiral-390-full.png'), fullPage: true });
      await page.selectOption('[name="data.name"]', 'moons');
      await page.waitForFunction(() => window.fvStudio.state().pretrained?.dataset === 'moons', undefined, { timeout: 30_000 });
      // The moons demo's points differ from the spiral's: the picture follows the dataset.
      await page.evaluate(() => window.fvStudio.set({ 'data.name': 'trex', 'data.options': { facing: 'left' } }));
      await page.evaluate(() => window.fvStudio.set({}));
      expect(await page.evaluate(() => window.fvStudio.state().pretrained)).toBeUndefined();
      expect(await page.locator('.pretrained-note').isVisible()).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('training replaces the demo, and the density over time updates as it trains', async () => {
    const demo = await pixels('density');
    await s.page.getByRole('button', { name: 'Train it yourself' }).click();
    await s.page.waitForFunction(() => window.fvStudio.state().previews >= 1, undefined, { timeout: 60_000 });
    const first = await pixels('density');
    expect((await state()).pretrained).toBeUndefined();
    expect(await s.page.locator('.pretrained-note').isVisible()).toBe(false);
    expect(first).not.toBe(demo);
    await s.page.waitForFunction(() => window.fvStudio.state().previewEpoch === 6, undefined, { timeout: 90_000 });
    expect(await pixels('density')).not.toBe(first);
    await s.page.screenshot({ path: path.join(SHOTS, 'trained-1280.png'), fullPage: true });
  });

  it('at 390 px: the new views fit the width, one per row, and their controls work', async () => {
    await s.page.setViewportSize({ width: 390, height: 844 });
    await s.page.waitForTimeout(300);
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const sel of ['.panel.particles', '.panel.pairing', '.panel.density', '[aria-label="particle time"]', '[aria-label="pairing to show"]']) {
      const b = (await s.page.locator(sel).boundingBox())!;
      expect([sel, b.x >= 0 && b.x + b.width <= 390, b.width > 0]).toEqual([sel, true, true]);
    }
    await s.page.getByLabel('pairing to show').selectOption('ot');
    await s.page.waitForFunction(() => window.fvStudio.state().pairs?.pairing === 'ot');
    await s.page.getByRole('button', { name: 'pause particles' }).click();
    await s.page.getByLabel('particle time').fill('0.6');
    await s.page.locator('.panel.particles').scrollIntoViewIfNeeded();
    await s.page.screenshot({ path: path.join(SHOTS, 'particles-390.png') });
    await s.page.locator('.panel.density').scrollIntoViewIfNeeded();
    await s.page.screenshot({ path: path.join(SHOTS, 'density-390.png') });
    await s.page.screenshot({ path: path.join(SHOTS, 'trained-390.png'), fullPage: true });
    expect(s.errors).toEqual([]);
    expect(s.foreign).toEqual([]);
  });
});
