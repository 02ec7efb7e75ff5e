/**
 * Opens the built studio (packages/studio/dist) in Debian's Chromium through playwright-core (never a downloaded
 * browser), served with the COOP/COEP headers, and records console errors and every request outside its origin.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveStatic } from './static-server.js';

const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'];
export const STUDIO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(STUDIO_ROOT, 'dist');

export interface StudioSession {
  browser: Browser;
  page: Page;
  url: string;
  errors: string[];
  foreign: string[];
  close(): Promise<void>;
}

export async function openStudio(hash = '', viewport = { width: 1280, height: 900 }): Promise<StudioSession> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's browser with \`apt-get install -y chromium\` (or set FV_CHROMIUM). This test never downloads a browser.`);
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`The studio is not built (${DIST}): run \`npx nx run @flow-visualizer/studio:build\` first.`);
  const server = await serveStatic(DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  const foreign: string[] = [];
  const origin = new URL(server.url).origin;
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  await page.goto(server.url + (hash ? `#${hash}` : ''));
  await page.waitForFunction(() => 'fvStudio' in window, undefined, { timeout: 30_000 });
  await page.evaluate(() => (window as unknown as { fvStudio: { ready: Promise<void> } }).fvStudio.ready);
  return {
    browser,
    page,
    url: server.url,
    errors,
    foreign,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
