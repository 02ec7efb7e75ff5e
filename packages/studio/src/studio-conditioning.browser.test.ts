/**
 * The conditional controls of Flow Studio (issue 27) through the built app's real controls in headless Chromium
 * served by `fv studio`: with a model that is not conditional they are disabled with a plain message and the pad
 * has no class brushes; shown (previewConditionalControls: the controls alone, without training; the conditional
 * model is trained in studio-conditional-training.browser.test.ts) the class picker, the guidance slider and the
 * pad's class brushes drive window.fvStudio's state, at 1280 and 390 px.
 * FV_SCREENSHOTS=<dir> keeps the screenshots.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FvStudioApi } from './app/test-api.js';
import { NOT_CONDITIONAL } from './app/condition-panel.js';
import { openStudio, type StudioSession } from './test-utils/browser.js';

declare global {
  interface Window {
    fvStudio: FvStudioApi;
  }
}

const SHOTS = process.env.FV_SCREENSHOTS ?? path.join(os.tmpdir(), 'fv-studio-conditioning');
const SMALL = 'data.n_samples=512&model.hidden_dims=[16,16]&model.time_embed_dim=8&training.n_epochs=50&training.batch_size=64&visualization.n_sampling_steps=10';
const conditioning = (s: StudioSession) => s.page.evaluate(() => window.fvStudio.state().conditioning);

/** A mouse stroke across the pad from (u0, v0) to (u1, v1), in shares of its width and height. */
async function stroke(s: StudioSession, u0: number, v0: number, u1: number, v1: number): Promise<void> {
  const box = (await s.page.locator('.fv-draw-canvas').boundingBox())!;
  const at = (u: number, v: number) => [box.x + u * box.width, box.y + v * box.height] as const;
  await s.page.mouse.move(...at(u0, v0));
  await s.page.mouse.down();
  for (let k = 1; k <= 12; k++) await s.page.mouse.move(...at(u0 + ((u1 - u0) * k) / 12, v0 + ((v1 - v0) * k) / 12));
  await s.page.mouse.up();
}

describe('Flow Studio: class and guidance controls', () => {
  let s: StudioSession;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openStudio(SMALL);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('a model that is not conditional: picker and slider disabled, a plain message, no class brushes', async () => {
    const c = await conditioning(s);
    expect(c).toMatchObject({ available: false, classes: [], class: null, guidance: 1 });
    expect(await s.page.locator('[name="sampling-class"]').isDisabled()).toBe(true);
    expect(await s.page.locator('[name="guidance"]').isDisabled()).toBe(true);
    expect(await s.page.locator('.conditioning [role="status"]').textContent()).toBe(NOT_CONDITIONAL);
    expect(await s.page.locator('.fv-class-brushes').isHidden()).toBe(true);
    // The API refuses as the controls do, with the same message, and nothing moves.
    expect(await s.page.evaluate(() => window.fvStudio.setConditioning({ guidance: 3 }))).toBe(NOT_CONDITIONAL);
    expect((await conditioning(s)).guidance).toBe(1);
    // The accessible names the other controls had are still there.
    expect(await s.page.getByRole('button', { name: 'Train', exact: true }).count()).toBe(1);
  });

  it('shown for two classes: picker and guidance slider move the state, one re-sample each', async () => {
    await s.page.evaluate(() => window.fvStudio.previewConditionalControls(['upper moon', 'lower moon']));
    expect(await s.page.locator('[name="sampling-class"]').isDisabled()).toBe(false);
    expect(await s.page.locator('.conditioning .msg').textContent()).toBe('');
    const options = await s.page.locator('[name="sampling-class"] option').allTextContents();
    expect(options).toEqual(['all classes, in proportion', '0: upper moon', '1: lower moon']);
    await s.page.getByLabel('Class to sample').selectOption('1');
    await s.page.getByLabel('Guidance weight w').fill('2.5');
    const c = await conditioning(s);
    expect(c).toMatchObject({ available: true, class: 1, guidance: 2.5, resamples: 2 });
    expect(await s.page.locator('.conditioning output').textContent()).toBe(' w = 2.5');
    await s.page.getByLabel('Class to sample').selectOption('');
    expect((await conditioning(s)).class).toBeNull();
    // A class that does not exist is refused with the reason.
    expect(await s.page.evaluate(() => window.fvStudio.setConditioning({ class: 5 }))).toMatch(/no class 5/);
  });

  it('class brushes: each stroke carries its brush class, drawn in the class colour', async () => {
    await s.page.locator('[name="brush-class-1"]').click();
    await stroke(s, 0.2, 0.3, 0.8, 0.3);
    await s.page.getByRole('button', { name: 'Brush for class 0' }).click();
    await stroke(s, 0.2, 0.7, 0.8, 0.7);
    const labels = await s.page.evaluate(() => window.fvStudio.padLabels());
    expect(labels.length).toBeGreaterThan(20);
    const first = labels.indexOf(0);
    // The first stroke's points are all class 1, the second's all class 0.
    expect(first).toBeGreaterThan(0);
    expect(labels.slice(0, first).every((l) => l === 1)).toBe(true);
    expect(labels.slice(first).every((l) => l === 0)).toBe(true);
    expect((await conditioning(s)).brushClass).toBe(0);
    // The pad's pixels: class 1's orange (#f28e2b) in the upper stroke.
    const orange = await s.page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('.fv-draw-canvas')!;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 0xf2) < 12 && Math.abs(d[i + 1] - 0x8e) < 12 && Math.abs(d[i + 2] - 0x2b) < 12) n++;
      return n;
    });
    expect(orange).toBeGreaterThan(30);
    // "+ class" adds a third brush.
    await s.page.locator('[name="brush-class-add"]').click();
    expect(await s.page.locator('[name="brush-class-2"]').getAttribute('aria-pressed')).toBe('true');
    await s.page.screenshot({ path: path.join(SHOTS, 'studio-conditioning-1280.png'), fullPage: true });
    expect(s.errors).toEqual([]);
  });

  it('fits a 390-px phone: the controls inside the screen, no horizontal scrolling', async () => {
    await s.page.setViewportSize({ width: 390, height: 844 });
    await s.page.waitForTimeout(300);
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const sel of ['[name="sampling-class"]', '[name="guidance"]', '[name="brush-class-0"]']) {
      const box = (await s.page.locator(sel).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await s.page.getByLabel('Guidance weight w').fill('4');
    expect((await conditioning(s)).guidance).toBe(4);
    await s.page.locator('.conditioning').screenshot({ path: path.join(SHOTS, 'studio-conditioning-390-controls.png') });
    await s.page.screenshot({ path: path.join(SHOTS, 'studio-conditioning-390.png'), fullPage: true });
  });
});
