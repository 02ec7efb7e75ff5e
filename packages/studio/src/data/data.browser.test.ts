/**
 * The drawing pad and the file drop in a real headless Chromium (Debian's, through playwright-core; never a
 * downloaded browser), from an esbuild bundle for the browser platform: mouse drags and a finger draw points at
 * the data coordinates under the pointer, the eraser and Clear remove them, and a dropped file comes back as the
 * data config + a preview, or as the cli's message.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { bundleForBrowser } from '@flow-visualizer/core/testing';

const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(HERE, '../../../datasets/src/__fixtures__');

interface PageData {
  changes: number[][];
  points(): number[];
  toPixels(x: number, y: number): [number, number];
  canvasBox(): { left: number; top: number; width: number; height: number };
  config(): { name: string; options: { points: number[][]; normalize: boolean } };
  drop(name: string, bytes: number[], options?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

describe('the drawing pad and the file drop in Chromium', () => {
  let browser: Browser, context: BrowserContext, page: Page, code: string;
  const errors: string[] = [];

  const open = async (touch = false) => {
    context = await browser.newContext({ hasTouch: touch, viewport: { width: 500, height: 700 } });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:10px"></body></html>');
    await page.addScriptTag({ type: 'module', content: code });
    await page.waitForFunction(() => 'fvData' in globalThis, undefined, { timeout: 30_000 });
  };
  const call = <T>(f: (d: PageData, arg: never) => T, arg?: unknown) =>
    page.evaluate(([src, a]) => new Function('d', 'a', `return (${src})(d, a)`)((globalThis as unknown as { fvData: PageData }).fvData, a), [f.toString(), arg] as const) as Promise<Awaited<T>>;
  /** Page pixels of a point in data coordinates. */
  const at = async (x: number, y: number) => {
    const box = await call((d) => d.canvasBox());
    const [px, py] = await call((d, a: [number, number]) => d.toPixels(a[0], a[1]), [x, y]);
    return { x: box.left + px, y: box.top + py };
  };
  const drag = async (from: [number, number], to: [number, number], steps = 25) => {
    const a = await at(...from), b = await at(...to);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps });
    await page.mouse.up();
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's browser (apt-get install -y chromium) or set FV_CHROMIUM. This test never downloads a browser.`);
    const bundle = await bundleForBrowser(path.join(HERE, '__fixtures__', 'data-page.ts'), { resolveDir: path.resolve(HERE, '../..') });
    expect({ nodeImports: bundle.nodeImports, errors: bundle.errors }).toEqual({ nodeImports: [], errors: [] });
    code = bundle.code;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(errors).toEqual([]);
  });

  describe('with a mouse', () => {
    beforeAll(() => open());
    afterAll(() => context.close());

    it('a drag draws points along it, in data coordinates (y up), and hands them over when the stroke ends', async () => {
      // Upper left to lower right: data (-2, 2) → (2, -2), so y falls as x grows.
      await drag([-2, 2], [2, -2]);
      const p = await call((d) => d.points());
      expect(p.length / 2).toBeGreaterThan(100);
      const r = 0.15 + 0.03; // brush radius, and a pixel of slack
      for (let i = 0; i < p.length; i += 2) expect([p[i], p[i + 1], Math.abs(p[i] + p[i + 1]) / Math.SQRT2 <= r]).toEqual([p[i], p[i + 1], true]);
      const xs = p.filter((_, i) => i % 2 === 0);
      expect(Math.min(...xs)).toBeLessThan(-1.8);
      expect(Math.max(...xs)).toBeGreaterThan(1.8);
      const changes = await call((d) => d.changes);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toEqual(p);
    });

    it('a second stroke adds to the first; the eraser removes what is under its path, and only that', async () => {
      await drag([-2, -2], [2, 2]);
      const before = await call((d) => d.points());
      await page.click('button[data-tool="eraser"]');
      // A horizontal wipe through the centre, where the two strokes cross.
      await drag([-0.6, 0], [0.6, 0]);
      const after = await call((d) => d.points());
      expect(after.length).toBeLessThan(before.length);
      const near = (q: number[]) => q.filter((_, i) => i % 2 === 0 && Math.abs(q[i]) < 0.5 && Math.abs(q[i + 1]) < 0.1).length;
      expect(near(before)).toBeGreaterThan(0);
      expect(near(after)).toBe(0);
      // Points away from the wipe are all still there.
      const far = (q: number[]) => q.filter((_, i) => i % 2 === 0 && Math.abs(q[i + 1]) > 0.2).length;
      expect(far(after)).toBe(far(before));
      if (process.env.FV_SHOT) await page.screenshot({ path: process.env.FV_SHOT });
    });

    it('the size slider widens the brush; Clear empties the pad and says so', async () => {
      await page.click('button[data-tool="brush"]');
      await page.fill('input[aria-label="Brush size"]', '0.5');
      await call((d) => d.changes.splice(0));
      await page.click('button[data-action="clear"]');
      expect(await call((d) => d.points())).toEqual([]);
      expect(await call((d) => d.changes)).toEqual([[]]);
      await drag([0, -1], [0, 1]);
      const p = await call((d) => d.points());
      const xs = p.filter((_, i) => i % 2 === 0);
      expect(Math.max(...xs.map(Math.abs))).toBeGreaterThan(0.3);
      expect(Math.max(...xs.map(Math.abs))).toBeLessThanOrEqual(0.5 + 0.03);
      expect(await page.textContent('.fv-draw-count')).toBe(`${p.length / 2} points`);
      // What the app exports: the points dataset, listed inline, kept where drawn.
      const config = await call((d) => d.config());
      expect(config.name).toBe('points');
      expect(config.options.normalize).toBe(false);
      expect(config.options.points.flat()).toEqual(p.map((v) => Math.round(v * 1e4) / 1e4));
    });
  });

  describe('with a finger', () => {
    beforeAll(() => open(true));
    afterAll(() => context.close());

    it('a touch drag draws, and does not scroll the page (touch-action: none)', async () => {
      expect(await page.$eval('canvas', (c) => getComputedStyle(c).touchAction)).toBe('none');
      const a = await at(-2, 1), b = await at(2, 1);
      const cdp = await context.newCDPSession(page);
      const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
      await touch('touchStart', a.x, a.y);
      for (let k = 1; k <= 20; k++) await touch('touchMove', a.x + ((b.x - a.x) * k) / 20, a.y);
      await touch('touchEnd', b.x, b.y);
      await page.waitForFunction(() => (globalThis as unknown as { fvData: PageData }).fvData.changes.length > 0);
      const p = await call((d) => d.points());
      expect(p.length / 2).toBeGreaterThan(50);
      for (let i = 1; i < p.length; i += 2) expect(Math.abs(p[i] - 1)).toBeLessThanOrEqual(0.18);
      const xs = p.filter((_, i) => i % 2 === 0);
      expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(3.6);
    });
  });

  describe('dropping a file', () => {
    beforeAll(() => open());
    afterAll(() => context.close());
    const bytes = (name: string) => Array.from(readFileSync(path.join(FIXTURES, name)));

    it.each([
      ['ring.csv', 'points', {}],
      ['plus.json', 'points', {}],
      ['heart.svg', 'svg', { fill: true }],
      ['letter-l.png', 'image', {}],
      ['triangle.jpg', 'image', { threshold: 0.3 }],
    ])('%s: the %s dataset, its file, and a preview in the box', async (name, kind, options) => {
      const r = await call((d, a: [string, number[], Record<string, unknown>]) => d.drop(a[0], a[1], a[2]), [name, bytes(name), options]);
      expect(r).toMatchObject({ ok: true, kind, files: [name], data: { name: kind, options: { ...options, file: name } } });
      const preview = r.preview as number[];
      expect(preview).toHaveLength(1000);
      expect(Math.max(...preview.map(Math.abs))).toBeLessThanOrEqual(2.05);
    });

    it.each([
      ['bad.csv', 'x,y\n1,2\n3,abc\n', "Data file 'bad.csv', line 3: 'abc' is not a finite number."],
      ['broken.svg', '<svg><g></svg>', "'broken.svg' is not a readable SVG document"],
      ['junk.png', 'not a png', "Image 'junk.png' could not be read as an image"],
      ['notes.docx', 'hello', "'notes.docx' is not a kind of file the studio reads."],
    ])('%s: the cli\'s message, with what to do', async (name, content, message) => {
      const r = await call((d, a: [string, number[]]) => d.drop(a[0], a[1]), [name, Array.from(Buffer.from(content))]);
      expect(r.ok).toBe(false);
      expect((r.error as { message: string }).message).toContain(message);
      expect(r.text).toMatch(/\. [A-Z]/); // message, then the hint
    });

    it('a bad option for the dataset is worded as the cli words it', async () => {
      const r = await call((d, a: number[]) => d.drop('letter-l.png', a, { threshold: 2 }), bytes('letter-l.png'));
      expect(r.ok).toBe(false);
      expect((r.error as { message: string }).message).toBe("'data.options.threshold' must be ≤ 1, got 2.");
    });
  });

});
