/// <reference lib="dom" />
/**
 * report.html of a conditional run in a real headless Chromium (Debian's /usr/bin/chromium via playwright-core):
 * it loads with no console error, the live flow's points carry their class and are drawn in the class colours,
 * and the class-coloured comparison, guidance and "By class" metrics are on the page. Screenshots at 1280 and
 * 390 px go to FV_SCREENSHOTS (default: a temporary folder) to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { conditionalFixture } from '../canvas/test-utils/conditional-fixture.js';
import { createReportRenderer } from './plugin.js';

const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.FV_SCREENSHOTS ?? path.join(os.tmpdir(), 'fv-report-screenshots');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('report.html of a run with classes, in Chromium', () => {
  let dir: string, browser: Browser, page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set FV_CHROMIUM).`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'fv-report-cond-'));
    const [file] = await createReportRenderer({ play_seconds: 1 }).render(conditionalFixture({ data: 'gaussians8', n: 800 }), dir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no console error, the live points (and the training record\'s) carrying their asked class', async () => {
    expect(errors).toEqual([]);
    const classes = await page.evaluate(() => (globalThis as any).fvReport.view.data('points').map((p: any) => p.c) as string[]);
    expect(classes).toHaveLength(800);
    expect(new Set(classes)).toEqual(new Set(Array.from({ length: 8 }, (_, k) => `mode ${k}`)));
    const evolution = await page.evaluate(() => (globalThis as any).fvReport.evolutionView.data('points').map((p: any) => p.c) as string[]);
    expect(new Set(evolution).size).toBe(8);
  });

  it('shows the class-coloured comparison, the guidance figure and the per-class metrics', async () => {
    for (const id of ['comparison-view', 'guidance-view']) expect(await page.locator(`#${id} canvas, #${id} svg`).count()).toBeGreaterThan(0);
    const text = await page.locator('body').innerText();
    expect(text).toContain('By class');
    expect(text).toContain('Nearest own class');
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'report-classes-1280.png'), fullPage: true });
    // A phone: the page laid out at 390 px from the start; the flow view must fit its width.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(page.url());
    await phone.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    const box = await phone.locator('#flow-view canvas').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: path.join(SHOTS, 'report-classes-390.png'), fullPage: false });
    await phone.close();
  }, 60_000);
});
