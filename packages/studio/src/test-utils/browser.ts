/**
 * Opens the built studio (packages/studio/dist) in Debian's Chromium through playwright-core (never a downloaded
 * browser), served by the real `fv studio --port 0` (cross-origin isolated, so wasm may use threads), and records
 * console errors and every request outside its origin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'];
export const STUDIO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(STUDIO_ROOT, 'dist');
const FV_BIN = path.resolve(STUDIO_ROOT, '../cli/bin/fv.js');

/** `fv studio --port 0 --dir dist`: resolves with its URL once it listens. */
function startFvStudio(): Promise<{ url: string; close(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [FV_BIN, 'studio', '--port', '0', '--dir', DIST], { env: { ...process.env, FORCE_COLOR: '0' } });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const url = /Flow Studio: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (url) resolve({ url, close: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGINT')))) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`fv studio exited (${code}) before it listened: ${out}`)));
  });
}

export interface StudioSession {
  browser: Browser;
  page: Page;
  url: string;
  errors: string[];
  foreign: string[];
  close(): Promise<void>;
}

/** `context`: more of the page's settings, e.g. a phone's touch screen ({ hasTouch: true, isMobile: true }). */
export async function openStudio(hash = '', viewport = { width: 1280, height: 900 }, context: BrowserContextOptions = {}): Promise<StudioSession> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's browser with \`apt-get install -y chromium\` (or set FV_CHROMIUM). This test never downloads a browser.`);
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`The studio is not built (${DIST}): run \`npx nx run @flow-visualizer/studio:build\` first.`);
  const server = await startFvStudio();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const page = await (await browser.newContext({ ...context, viewport })).newPage();
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
