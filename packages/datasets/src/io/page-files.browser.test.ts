/**
 * The page's file reader in a real headless Chromium (Debian's, through playwright-core; never a downloaded
 * browser): each fixture type (CSV, JSON, SVG, PNG, JPEG) read from memory and, for images, decoded by the
 * browser's createImageBitmap + OffscreenCanvas, gives the same points as the disk reader in Node for the same seed;
 * a broken file gives the same message; and the PNG decoded inside a Web Worker (where the studio trains) too.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundleForBrowser } from '@flow-visualizer/core/testing';
import { createRng } from '@flow-visualizer/core';
import { datasetPlugins } from '../index.js';
import { FIXTURES, make } from '../test-utils/ctx.js';
import { caught, tmpDirWith } from '../test-utils/tmp.js';
import type { PageSampleRequest } from '../__fixtures__/files-page.js';

const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const HERE = path.dirname(fileURLToPath(import.meta.url));
type PageAnswer = { points: number[] } | { error: { code: string; message: string; hint?: string } };

describe('the user-file datasets in Chromium, reading dropped files', () => {
  let browser: Browser, page: Page, code: string;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's browser (apt-get install -y chromium) or set FV_CHROMIUM. This test never downloads a browser.`);
    const bundle = await bundleForBrowser(path.join(HERE, '..', '__fixtures__', 'files-page.ts'), { resolveDir: path.resolve(HERE, '../..') });
    expect({ nodeImports: bundle.nodeImports, errors: bundle.errors }).toEqual({ nodeImports: [], errors: [] });
    code = bundle.code;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ type: 'module', content: bundle.code });
    await page.waitForFunction(() => 'fvFiles' in globalThis, undefined, { timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  const inPage = (req: PageSampleRequest) => page.evaluate((r) => (globalThis as unknown as { fvFiles: { sample(r: PageSampleRequest): Promise<PageAnswer> } }).fvFiles.sample(r), req);
  const bytes = (name: string) => Array.from(readFileSync(path.join(FIXTURES, name)));

  it.each([
    ['ring.csv', 'points', { file: 'ring.csv' }],
    ['plus.json', 'points', { file: 'plus.json' }],
    ['diagonal.json', 'points', { file: 'diagonal.json', normalize: false }],
    ['heart.svg', 'svg', { file: 'heart.svg' }],
    ['heart.svg', 'svg', { file: 'heart.svg', fill: true }],
    ['letter-l.png', 'image', { file: 'letter-l.png' }],
    ['letter-l.png', 'image', { file: 'letter-l.png', mode: 'opaque' }],
    ['triangle.jpg', 'image', { file: 'triangle.jpg' }],
  ] as const)('%s (%s %j): the same points as Node for the same seed', async (name, dataset, options) => {
    const plugin = datasetPlugins().find((p) => p.id === dataset)!;
    const node = Array.from(await (await make(plugin, options, 0.01)).sample(600, createRng(11)));
    const answer = await inPage({ files: { [name]: bytes(name) }, dataset, options, n: 600, seed: 11, noise: 0.01 });
    expect('points' in answer && answer.points).toEqual(node);
  });

  it('the same messages for a broken file, a missing one, and an image with no dark pixel', async () => {
    const cases: [string, string, string, Record<string, unknown>][] = [
      ['bad.csv', 'points', 'x,y\n1,2\n3,abc\n', { file: 'bad.csv' }],
      ['broken.svg', 'svg', '<svg>\n<g>\n</svg>\n', { file: 'broken.svg' }],
    ];
    for (const [name, dataset, content, options] of cases) {
      const plugin = datasetPlugins().find((p) => p.id === dataset)!;
      const node = await caught(() => make(plugin, options, 0, tmpDirWith({ [name]: content })));
      const answer = await inPage({ files: { [name]: Array.from(new TextEncoder().encode(content)) }, dataset, options, n: 10, seed: 1, noise: 0 });
      expect('error' in answer && answer.error).toEqual({ code: node.code, message: node.message, hint: node.hint });
    }
    const blank = await inPage({ files: { 'blank.png': bytes('blank.png') }, dataset: 'image', options: { file: 'blank.png' }, n: 10, seed: 1, noise: 0 });
    const nodeBlank = await caught(() => make(datasetPlugins().find((p) => p.id === 'image')!, { file: 'blank.png' }));
    expect('error' in blank && blank.error).toEqual({ code: nodeBlank.code, message: nodeBlank.message, hint: nodeBlank.hint });
    const junk = await inPage({ files: { 'junk.png': [1, 2, 3, 4] }, dataset: 'image', options: { file: 'junk.png' }, n: 10, seed: 1, noise: 0 });
    expect('error' in junk && [junk.error.code, junk.error.message.startsWith("Image 'junk.png' could not be read as an image: "), junk.error.hint]).toEqual(['DATA_INVALID', true, 'Give a PNG or JPEG file (re-export it from an image editor if it is damaged).']);
    const missing = await inPage({ files: {}, dataset: 'points', options: { file: 'ring.csv' }, n: 10, seed: 1, noise: 0 });
    expect('error' in missing && missing.error.code).toBe('DATA_NOT_FOUND');
  });

  it('in a Web Worker too (where the studio trains): the PNG decoded there gives the same points', async () => {
    const options = { file: 'letter-l.png' };
    const node = Array.from(await (await make(datasetPlugins().find((p) => p.id === 'image')!, options, 0.01)).sample(300, createRng(4)));
    const req: PageSampleRequest = { files: { 'letter-l.png': bytes('letter-l.png') }, dataset: 'image', options, n: 300, seed: 4, noise: 0.01 };
    // A classic worker (a module worker from a blob: URL is refused on this about:blank page): the bundle less its
    // trailing `export {…}`, then the message glue.
    const classic = code.replace(/export\s*\{[^}]*\};?\s*$/, '');
    expect(classic).not.toBe(code);
    const glue = `\nself.onmessage = async (e) => self.postMessage(await globalThis.fvFiles.sample(e.data));\n`;
    const answer = await page.evaluate(
      ([src, r]) =>
        new Promise<PageAnswer>((resolve, reject) => {
          // Typed here: this package compiles without the DOM library.
          type PageWorker = { onmessage(e: { data: PageAnswer }): void; onerror(e: { message: string }): void; postMessage(m: unknown): void };
          const W = (globalThis as unknown as { Worker: new (url: string) => PageWorker }).Worker;
          const w = new W(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
          w.onmessage = (e) => resolve(e.data);
          w.onerror = (e) => reject(new Error(e.message));
          w.postMessage(r);
        }),
      [classic + glue, req] as const,
    );
    expect('points' in answer && answer.points).toEqual(node);
  });

  it('ran with no Node, no page error and no request', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as { fvFiles: { hasNodeProcess: boolean } }).fvFiles.hasNodeProcess)).toBe(false);
    expect(errors).toEqual([]);
    // The worker's script is a blob: URL made in the page; nothing goes out.
    expect(requests.filter((u) => !u.startsWith('blob:'))).toEqual([]);
  });
});
