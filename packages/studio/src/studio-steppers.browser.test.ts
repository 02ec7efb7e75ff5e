/**
 * Issue 24, "inputs that cannot go wrong": numeric fields step with the arrow keys within core's limits, in real
 * Chromium through `fv studio`; the value lands in the page's state as a typed one would, and a step never leaves
 * the schema's range.
 */
import type { FvStudioApi } from './app/test-api.js';
import { openStudio, type StudioSession } from './test-utils/browser.js';

declare global {
  interface Window {
    fvStudio: FvStudioApi;
  }
}

const SMALL = 'data.n_samples=512&model.hidden_dims=[16,16]&model.time_embed_dim=8&training.n_epochs=20&training.batch_size=64&training.learning_rate=0.003&visualization.n_sampling_steps=10';

describe('Flow Studio: numeric fields are steppers with the CLI\'s limits', () => {
  let s: StudioSession;
  beforeAll(async () => {
    s = await openStudio(SMALL);
  });
  afterAll(async () => {
    await s?.close();
  });

  const value = (key: string) => s.page.evaluate((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], window.fvStudio.state().values), key);

  it('ArrowUp and ArrowDown step the learning rate and the batch, Shift by ten, and the state follows', async () => {
    const lr = s.page.locator('[name="training.learning_rate"]');
    expect(await lr.getAttribute('role')).toBe('spinbutton');
    await lr.focus();
    await s.page.keyboard.press('ArrowUp');
    await s.page.waitForFunction(() => (window.fvStudio.state().values.training as Record<string, number>).learning_rate === 0.004);
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('ArrowDown');
    await s.page.waitForFunction(() => (window.fvStudio.state().values.training as Record<string, number>).learning_rate === 0.002);
    expect(await lr.inputValue()).toBe('0.002');
    const batch = s.page.locator('[name="training.batch_size"]');
    await batch.focus();
    await s.page.keyboard.press('Shift+ArrowUp');
    await s.page.waitForFunction(() => (window.fvStudio.state().values.training as Record<string, number>).batch_size === 74);
    expect(await batch.getAttribute('aria-valuenow')).toBe('74');
    expect(Number(await batch.getAttribute('aria-valuemax'))).toBeGreaterThan(74);
  });

  it('a step stops at the schema\'s limit: the batch cannot be stepped below its minimum', async () => {
    const batch = s.page.locator('[name="training.batch_size"]');
    const min = Number(await batch.getAttribute('aria-valuemin'));
    await s.page.evaluate((m) => window.fvStudio.set({ 'training.batch_size': m }), min);
    await s.page.waitForFunction((m) => (window.fvStudio.state().values.training as Record<string, number>).batch_size === m, min);
    await batch.focus();
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('Shift+ArrowDown');
    expect(await value('training.batch_size')).toBe(min);
    expect(await s.page.evaluate(() => window.fvStudio.state().errors)).toEqual({});
    expect(s.errors).toEqual([]);
  });
});
