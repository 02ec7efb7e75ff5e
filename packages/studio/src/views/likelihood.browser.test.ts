/**
 * The likelihood view on the built app in real headless Chromium (through `fv studio`): two moons trained a few
 * epochs in the worker, the view's heatmaps change from their empty state, the NLL (computed in the worker with
 * core's logProb) is a finite number shown in the quality panel with its solver named; a flow from a dataset source
 * gets a plain line saying why there is no likelihood. Screenshots at 1280 and
 * 390 px go to the system's temporary folder (studio-likelihood-*.png) to look at.
 */
import os from 'node:os';
import path from 'node:path';
import type { FvStudioApi } from '../app/test-api.js';
import { openStudio, type StudioSession } from '../test-utils/browser.js';

declare global {
  interface Window {
    fvStudio: FvStudioApi;
  }
}

const MOONS = 'data.name=moons&data.n_samples=512&model.hidden_dims=[32,32]&model.time_embed_dim=8&training.n_epochs=6&training.batch_size=64&training.learning_rate=0.01&visualization.n_sampling_steps=10&likelihood.steps=10';

describe('Flow Studio likelihood view in Chromium', () => {
  for (const width of [1280, 390]) {
    it(`at ${width} px: the model's log-density is drawn beside the target's and the NLL is a finite number with its solver`, async () => {
      let s: StudioSession | undefined;
      try {
        s = await openStudio(MOONS, { width, height: 900 });
        const page = s.page;
        const view = page.locator('.panel.likelihood');
        await view.scrollIntoViewIfNeeded();
        const pixels = () => page.evaluate(() => document.querySelector<HTMLCanvasElement>('.panel.likelihood canvas')!.toDataURL());
        const before = await pixels();
        await page.click('button[name=train]');
        await page.waitForFunction(() => window.fvStudio.state().likelihood?.epoch === 6, undefined, { timeout: 120_000 });
        const lk = (await page.evaluate(() => window.fvStudio.state())).likelihood!;
        expect(lk.unavailable).toBeUndefined();
        expect(Number.isFinite(lk.nll)).toBe(true);
        expect(lk.integrator).toBe('rk4');
        expect(lk.steps).toBe(10);
        expect(lk.nllPoints).toBeGreaterThan(0);
        expect(await pixels()).not.toBe(before);
        const line = (await page.textContent('.quality .nll'))!;
        expect(line).toContain(`NLL ${lk.nll!.toFixed(3)}`);
        expect(line).toContain('rk4 10 steps');
        await view.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(os.tmpdir(), `studio-likelihood-${width}.png`) });
        await view.screenshot({ path: path.join(os.tmpdir(), `studio-likelihood-panel-${width}.png`) });
        if (width === 1280) {
          // A flow from a dataset source (as an imported CLI run may be) has no density at t = 0: the view says so.
          expect((await page.evaluate(() => window.fvStudio.set({ 'source.name': 'circles' }))).ok).toBe(true);
          await page.evaluate(() => window.fvStudio.step());
          await page.waitForFunction(() => window.fvStudio.state().likelihood?.unavailable !== undefined, undefined, { timeout: 60_000 });
          expect(await page.textContent('.likelihood-status')).toMatch(/^No likelihood for this model: .*'circles'.*no closed form/);
          expect(await page.textContent('.quality .nll')).toMatch(/^NLL: none/);
        }
        expect(s.errors).toEqual([]);
      } finally {
        await s?.close();
      }
    }, 180_000);
  }

  it("a class-conditional model's density is its class mixture, as fv run's; one conditioned on a coordinate says why it has none", async () => {
    let s: StudioSession | undefined;
    try {
      s = await openStudio(`${MOONS}&model.conditional=true&training.cond_dropout=0.2`, { width: 1280, height: 900 });
      const page = s.page;
      await page.click('button[name=train]');
      await page.waitForFunction(() => window.fvStudio.state().likelihood?.epoch === 6, undefined, { timeout: 120_000 });
      const lk = (await page.evaluate(() => window.fvStudio.state())).likelihood!;
      expect(lk.unavailable).toBeUndefined();
      expect(Number.isFinite(lk.nll)).toBe(true);
      expect((await page.textContent('.quality .nll'))!).toContain(`NLL ${lk.nll!.toFixed(3)}`);
      expect((await page.evaluate(() => window.fvStudio.set({ 'model.condition': 'x' }))).ok).toBe(true);
      await page.evaluate(() => window.fvStudio.step());
      await page.waitForFunction(() => window.fvStudio.state().likelihood?.unavailable !== undefined, undefined, { timeout: 60_000 });
      expect(await page.textContent('.likelihood-status')).toMatch(/conditioned on a coordinate has no density of x alone/);
      expect(s.errors).toEqual([]);
    } finally {
      await s?.close();
    }
  }, 180_000);
});
