/// <reference lib="dom" />
/**
 * report.html in a real headless Chromium (Debian's `chromium` package, driven by playwright-core; never a
 * downloaded browser): it loads from file:// with no console error and no network request, the slider moves
 * the drawn points, and play advances t. Needs /usr/bin/chromium: `apt-get install -y chromium`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { flowFixture } from '../canvas/test-utils/flow-fixture.js';
import { createReportRenderer } from './plugin.js';

const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
/** Where the screenshots of the page go (desktop and phone width), to look at after a run. */
export const SCREENSHOT_DIR = process.env.FV_SCREENSHOTS ?? path.join(os.tmpdir(), 'fv-report-screenshots');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('report.html in Chromium', () => {
  let dir: string, browser: Browser, page: Page, url: string;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's browser with \`apt-get install -y chromium\` (or set FV_CHROMIUM). This test never downloads a browser.`);
    }
    dir = mkdtempSync(path.join(os.tmpdir(), 'fv-report-browser-'));
    const [file] = await createReportRenderer({ play_seconds: 1.5 }).render(flowFixture({ n: 1500 }), dir);
    url = pathToFileURL(file).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const points = () => page.evaluate(() => (globalThis as any).fvReport.view.data('points').map((p: any) => [p.x, p.y]) as number[][]);
  const flowPixels = () => page.locator('#flow-view canvas').screenshot();
  const renderedT = async (t: number) => page.waitForSelector(`body[data-rendered-t="${t}"]`, { timeout: 10_000 });

  it('loads from file:// with no console error or warning and no network request', async () => {
    expect(errors).toEqual([]);
    // The page itself is the only request; every script and datum is inline.
    expect(requests.filter((u) => u !== url)).toEqual([]);
    expect(await page.locator('#flow-view canvas').count()).toBe(1);
    expect(await page.locator('#loss-view canvas').count()).toBe(1);
    expect(await page.locator('#metrics tr').count()).toBeGreaterThan(5);
    // The new views are drawn: paths, density over time, the training slider's view.
    for (const id of ['#paths-view', '#density-view', '#evolution-view']) expect([id, await page.locator(`${id} canvas`).count()]).toEqual([id, 1]);
  });

  it('fits a 1200-px desktop window: no horizontal scrolling (screenshot taken)', async () => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1200);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-desktop-1200.png'), fullPage: true });
    console.log(`screenshots in ${SCREENSHOT_DIR}`);
  });

  it('groups the metrics in words, each quality figure beside its floor; the config starts collapsed', async () => {
    const captions = await page.locator('#metrics caption').allTextContents();
    expect(captions[0]).toMatch(/^Quality of the generated points/);
    const row = page.locator('#metrics tr[data-key="sliced_w1"]');
    expect(await row.locator('th').textContent()).toMatch(/^Sliced Wasserstein-1/);
    expect(Number(await row.locator('td.floor').textContent())).toBeGreaterThan(0);
    expect(await page.locator('#metrics tr[data-key="sliced_w1_floor"]').count()).toBe(0);
    expect(await page.locator('details#config').getAttribute('open')).toBeNull();
  });

  it('the speed legend follows the field: hidden with it, back with it', async () => {
    const legends = () => page.evaluate(() => {
      let count = 0;
      const walk = (item: any) => {
        if (!item) return;
        if (item.role === 'legend') count++;
        for (const c of item.items ?? []) walk(c);
      };
      walk((globalThis as any).fvReport.view.scenegraph().root);
      return count;
    });
    expect(await legends()).toBe(1);
    await page.locator('#show-field').uncheck();
    await page.waitForSelector('body[data-legend="none"]');
    await page.waitForFunction(() => (globalThis as any).fvReport.view.data('arrows').length === 0);
    expect(await legends()).toBe(0);
    await page.locator('#show-field').check();
    await page.waitForSelector('body[data-legend="speed"]');
    expect(await legends()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('the training slider moves the samples from one snapshot to the next and names the epoch', async () => {
    const evoPoints = () => page.evaluate(() => (globalThis as any).fvReport.evolutionView.data('points').map((p: any) => [p.x, p.y]) as number[][]);
    const last = await evoPoints();
    expect(last.length).toBe(800);
    await page.locator('#epoch-slider').fill('0');
    await page.waitForSelector('body[data-rendered-epoch="0"]');
    const first = await evoPoints();
    expect(first.filter((p, i) => Math.hypot(p[0] - last[i][0], p[1] - last[i][1]) > 0.05).length).toBeGreaterThan(400);
    expect(await page.locator('#epoch-value').textContent()).toMatch(/^epoch 50 · sliced W1 0\.30/);
  });

  it('moving the slider moves the drawn points (data and pixels)', async () => {
    const before = await points(), shotBefore = await flowPixels();
    expect(before.length).toBe(1500);
    await page.locator('#t-slider').fill('0.25');
    await renderedT(0.25);
    const after = await points(), shotAfter = await flowPixels();
    expect(after.length).toBe(1500);
    const moved = after.filter((p, i) => Math.hypot(p[0] - before[i][0], p[1] - before[i][1]) > 0.05).length;
    expect(moved).toBeGreaterThan(1000);
    expect(shotAfter.equals(shotBefore)).toBe(false);
    expect(await page.locator('#t-value').textContent()).toBe('t = 0.25');
    expect(errors).toEqual([]);
  });

  it('play advances t (and runs to t = 1, then stops)', async () => {
    await page.locator('#t-slider').fill('0');
    await renderedT(0);
    const at0 = await points();
    await page.locator('#play').click();
    await page.waitForFunction(() => (globalThis as any).fvReport.t > 0.2, undefined, { timeout: 10_000 });
    expect(Number(await page.locator('#t-slider').inputValue())).toBeGreaterThan(0);
    expect(await points()).not.toEqual(at0);
    await page.waitForFunction(() => !(globalThis as any).fvReport.playing, undefined, { timeout: 15_000 });
    expect(await page.evaluate(() => (globalThis as any).fvReport.t)).toBe(1);
    expect(await page.locator('#play').textContent()).toContain('Play');
    expect(errors).toEqual([]);
    expect(requests.filter((u) => u !== url)).toEqual([]);
  });

  it('fits a 390-px phone screen: no horizontal scrolling, the flow view and slider inside it (screenshot taken)', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const phoneErrors: string[] = [];
    phone.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && phoneErrors.push(`${m.type()}: ${m.text()}`));
    phone.on('pageerror', (e) => phoneErrors.push(e.message));
    try {
      await phone.goto(url);
      await phone.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      for (const sel of ['#flow-view canvas', '#t-slider', '#t-value', '#loss-view canvas', '#paths-view canvas', '#density-view canvas', '#epoch-slider']) {
        const box = await phone.locator(sel).boundingBox();
        expect([sel, box!.x >= 0 && box!.x + box!.width <= 390 + 0.5]).toEqual([sel, true]);
      }
      await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-phone-390.png'), fullPage: true });
      expect(phoneErrors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
