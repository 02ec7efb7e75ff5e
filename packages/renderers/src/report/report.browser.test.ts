/**
 * report.html in a real headless Chromium (Debian's `chromium` package, driven by playwright-core; never a
 * downloaded browser): it loads from file:// with no console error and no network request, the slider moves
 * the drawn points, and play advances t. Needs /usr/bin/chromium: `apt-get install -y chromium`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { flowFixture } from '../canvas/test-utils/flow-fixture.js';
import { createReportRenderer } from './plugin.js';

const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
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
});
