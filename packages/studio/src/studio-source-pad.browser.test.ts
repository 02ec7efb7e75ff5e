/**
 * The source drawing pad in the built app, in Debian's Chromium served by `fv studio`, through its real controls:
 * "start from: drawn" opens the pad in the region "Source" (the target pad's control names unchanged and still
 * unique), a stroke in the top-right corner becomes `source: points`, and the pairing lines, the paths view's
 * t = 0 points and the start's quality figure all start on it (every check would fail with the Gaussian start,
 * which is centred on 0). The exported config.yaml trains from the same points under the real `fv run`; an
 * imported run and a link naming the points put them back on the pad; the link the page writes leaves them out
 * (as a drawn target) and says so on the command line. Screenshots at 1280 and 390 px go to
 * $TMPDIR/fv-studio-source/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { FvStudioApi } from './app/test-api.js';
import { openStudio, type StudioSession } from './test-utils/browser.js';
import { runFv, tmpDir } from './io/test-utils/fv.js';

declare global {
  interface Window {
    fvStudio: FvStudioApi;
  }
}

// Moons (inside [-2, 2]²) with a tiny model. Epochs far beyond what the test trains: it pauses, so a fast machine
// never finishes the run before the pause lands.
const SMALL = 'data.name=moons&data.n_samples=512&model.hidden_dims=[32,32]&model.time_embed_dim=8&training.n_epochs=5000&training.batch_size=128&training.learning_rate=0.01&visualization.n_sampling_steps=10&visualization.n_generated=300';
const SHOTS = path.join(os.tmpdir(), 'fv-studio-source');
/** The drawn start: a ring of radius 0.35 around (2.1, 2.1), top right, away from the moons and from N(0, I)'s bulk. */
const CENTRE: [number, number] = [2.1, 2.1];
/** Every sprayed point lies within the ring's radius plus the brush's (0.15), and a pixel of slack. */
const NEAR = 0.35 + 0.15 + 0.05;

type Pts = number[];
const farthest = (p: Pts) => {
  let d = 0;
  for (let i = 0; i < p.length; i += 2) d = Math.max(d, Math.hypot(p[i] - CENTRE[0], p[i + 1] - CENTRE[1]));
  return d;
};

describe('Flow Studio: drawing the source', () => {
  let s: StudioSession;
  const state = () => s.page.evaluate(() => window.fvStudio.state());
  const region = () => s.page.getByRole('region', { name: 'Source', exact: true });

  /** A ring drawn on the source pad with the mouse, in data coordinates (the pad shows [-3, 3]², y up). */
  const drawRing = async () => {
    const canvas = region().locator('canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const px = (x: number, y: number): [number, number] => [box.x + ((x + 3) / 6) * box.width, box.y + ((3 - y) / 6) * box.height];
    const at = (k: number) => px(CENTRE[0] + 0.35 * Math.cos((2 * Math.PI * k) / 24), CENTRE[1] + 0.35 * Math.sin((2 * Math.PI * k) / 24));
    await s.page.mouse.move(...at(0));
    await s.page.mouse.down();
    for (let k = 1; k <= 24; k++) await s.page.mouse.move(...at(k), { steps: 2 });
    await s.page.mouse.up();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openStudio(SMALL);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('"drawn" opens the pad in the region "Source"; the target pad keeps its names, each still unique', async () => {
    expect(await region().count()).toBe(0); // hidden: not in the accessibility tree
    // Until it is first shown the source pad has no controls at all: every selector of the target pad, loose
    // ones included, finds what it found before.
    expect(await s.page.locator('.fv-source-canvas').count()).toBe(0);
    for (const name of ['Clear', 'Brush', 'Eraser']) expect([name, await s.page.getByRole('button', { name }).count()]).toEqual([name, 1]);
    expect(await s.page.getByLabel('Brush size').count()).toBe(1);
    // Nothing of the user's own: the command line is the whole run, with no note to export.
    expect(await s.page.textContent('.cli-command')).not.toContain('#');
    expect(await s.page.locator('[name="source.name"] option[value=points]').textContent()).toBe('drawn by hand');
    await s.page.selectOption('[name="source.name"]', { label: 'drawn by hand' });
    await expect(region().isVisible()).resolves.toBe(true);
    // Nothing drawn yet: the start is still the Gaussian, and the pad says so; the picker says what was picked.
    const st = await state();
    expect((st.values.source as { name: string }).name).toBe('gaussian');
    expect(st.source).toMatchObject({ padShown: true, padPoints: 0 });
    expect(await s.page.inputValue('[name="source.name"]')).toBe('points');
    expect(await region().locator('.msg').textContent()).toMatch(/Draw the start here.*gaussian/);
    await region().screenshot({ path: path.join(SHOTS, 'source-pad-empty-1280.png') });
    // Both pads on the page: the target's controls by their old exact names, one each, outside the region.
    for (const [role, name] of [['button', 'Clear'], ['button', 'Brush'], ['button', 'Eraser'], ['slider', 'Brush size'], ['toolbar', 'Drawing tools']] as const) {
      const found = s.page.getByRole(role, { name, exact: true });
      expect([name, await found.count()]).toEqual([name, 1]);
      expect([name, await found.evaluate((e) => !!e.closest('.panel.data'))]).toEqual([name, true]);
    }
    for (const [role, name] of [['button', 'Clear source'], ['button', 'Source brush'], ['button', 'Source eraser'], ['slider', 'Source brush size'], ['toolbar', 'Source drawing tools']] as const) {
      expect([name, await region().getByRole(role, { name, exact: true }).count()]).toEqual([name, 1]);
    }
    expect(await s.page.locator('.panel.data canvas').count()).toBe(1);
    // Class names of its own too: the target pad's (fv-draw-canvas…) still find one element each.
    for (const cls of ['pad', 'tools', 'canvas', 'count']) expect([cls, await s.page.locator(`.fv-draw-${cls}`).count(), await region().locator(`.fv-source-${cls}`).count()]).toEqual([cls, 1, 1]);
  });

  it('a stroke on it becomes the source; the pairing lines start on it at once', async () => {
    await drawRing();
    await s.page.waitForFunction(() => (window.fvStudio.state().values.source as { name: string }).name === 'points');
    const st = await state();
    const source = st.values.source as { name: string; options: { points: [number, number][]; normalize: boolean } };
    expect(source.options.normalize).toBe(false);
    expect(source.options.points.length).toBeGreaterThan(30);
    expect(farthest(source.options.points.flat())).toBeLessThan(NEAR);
    // The target is untouched: the moons, no drawn data.
    expect((st.values.data as { name: string }).name).toBe('moons');
    expect(st.source.padPoints).toBe(source.options.points.length);
    expect(await region().locator('.msg').textContent()).toMatch(/Your drawing is the start now/);
    // The pairing view's batch of the new model: every start point is one of the drawn ones.
    await s.page.waitForFunction((near) => {
      const p = window.fvStudio.state().source.pairsStart;
      if (!p) return false;
      for (let i = 0; i < p.length; i += 2) if (Math.hypot(p[i] - 2.1, p[i + 1] - 2.1) > near) return false;
      return true;
    }, NEAR);
    const pairs = (await state()).source.pairsStart!;
    const drawn = new Set(source.options.points.map(([x, y]) => `${x},${y}`));
    for (let i = 0; i < pairs.length; i += 2) expect(drawn.has(`${Math.round(pairs[i] * 1e4) / 1e4},${Math.round(pairs[i + 1] * 1e4) / 1e4}`)).toBe(true);
  });

  it('the link leaves the drawn start out (as a drawn target) and the command line says to export it', async () => {
    const hash = decodeURIComponent(await s.page.evaluate(() => location.hash));
    expect(hash).toContain('data.name=moons');
    expect(hash).not.toContain('source');
    expect(await s.page.textContent('.cli-command')).toMatch(/# with your own start: export config\.yaml/);
  });

  it('trains from it: the paths view starts on the drawn points, and so does the start\'s quality figure', async () => {
    await s.page.getByRole('button', { name: 'Train', exact: true }).click();
    await s.page.waitForFunction(() => window.fvStudio.state().previewEpoch >= 1, undefined, { timeout: 120_000 });
    await s.page.evaluate(() => window.fvStudio.pause());
    await s.page.waitForFunction(() => !window.fvStudio.state().running && window.fvStudio.state().previewEpoch === window.fvStudio.state().epoch, undefined, { timeout: 120_000 });
    const st = await state();
    const start = st.source.pathsStart!;
    expect(start.length).toBeGreaterThan(100);
    expect(farthest(start)).toBeLessThan(NEAR);
    // Sliced W1 from the start to the moons: the ring is ~2.9 from their centre (the Gaussian's figure is ~0.5).
    expect(st.quality!.noise_sliced_w1).toBeGreaterThan(1.2);
    await s.page.screenshot({ path: path.join(SHOTS, 'trained-1280.png'), fullPage: true });
    await s.page.locator('.panel.paths').screenshot({ path: path.join(SHOTS, 'paths-1280.png') });
    await s.page.locator('.panel.pairing').screenshot({ path: path.join(SHOTS, 'pairing-1280.png') });
    await region().screenshot({ path: path.join(SHOTS, 'source-pad-1280.png') });
  }, 300_000);

  let exported: string;
  it('the exported config.yaml holds the drawn start, and the real `fv run` trains from it', async () => {
    const files = await s.page.evaluate(() => window.fvStudio.exportFiles());
    if (typeof files === 'string') throw new Error(files);
    exported = tmpDir('fv-studio-source-');
    for (const f of files) {
      mkdirSync(path.dirname(path.join(exported, f.path)), { recursive: true });
      writeFileSync(path.join(exported, f.path), Buffer.from(f.base64, 'base64'));
    }
    const page = (await state()).values.source as { options: { points: [number, number][] } };
    const yaml = parseYaml(readFileSync(path.join(exported, 'config.yaml'), 'utf8')) as { source: { name: string; options: { points: [number, number][]; normalize: boolean } } };
    expect(yaml.source).toMatchObject({ name: 'points', options: { normalize: false } });
    expect(yaml.source.options.points).toEqual(page.options.points);

    const out = path.join(exported, 'cli-run');
    const r = runFv(['run', '--config', 'config.yaml', 'training.n_epochs=2', 'training.device=cpu', 'visualization.renderers=[canvas]', 'visualization.n_generated=200', 'visualization.n_metric_samples=200', `output.dir=${out}`], exported);
    expect([r.status, r.stderr]).toEqual([0, expect.anything()]);
    const ran = parseYaml(readFileSync(path.join(out, 'config.yaml'), 'utf8')) as typeof yaml;
    expect(ran.source.options.points).toEqual(page.options.points);
    // W2² from the start to the data is at least the squared distance of their means: ~8 from the drawn ring,
    // under 1 from the Gaussian (the moons are centred near 0).
    const metrics = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8')) as { w2_squared_source_target: number };
    const target = readFileSync(path.join(out, 'samples/target.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const mean = (p: number[][]) => [0, 1].map((k) => p.reduce((a, q) => a + q[k], 0) / p.length);
    const [ms, mt] = [mean(page.options.points), mean(target)];
    const gap = (ms[0] - mt[0]) ** 2 + (ms[1] - mt[1]) ** 2;
    expect(gap).toBeGreaterThan(6);
    expect(metrics.w2_squared_source_target).toBeGreaterThan(0.9 * gap);
  });

  it('Clear source goes back to the Gaussian and keeps the pad open; another start closes it', async () => {
    await region().getByRole('button', { name: 'Clear source', exact: true }).click();
    await s.page.waitForFunction(() => (window.fvStudio.state().values.source as { name: string }).name === 'gaussian');
    expect((await state()).source).toMatchObject({ padShown: true, padPoints: 0 });
    expect(await region().locator('.msg').textContent()).toMatch(/Pad cleared: the paths start from the gaussian again/);
    expect(await s.page.inputValue('[name="source.name"]')).toBe('points');
    // A dataset start: the drawn points' options do not follow it (eight_gaussians would refuse them).
    await s.page.selectOption('[name="source.name"]', 'eight_gaussians');
    await s.page.waitForFunction(() => (window.fvStudio.state().values.source as { name: string }).name === 'eight_gaussians');
    const st = await state();
    expect(st.values.source).toMatchObject({ name: 'eight_gaussians', options: {} });
    expect(st.source.padShown).toBe(false);
    expect(await region().count()).toBe(0);
  });

  it('an imported run puts its drawn start back on the pad', async () => {
    await s.page.setInputFiles('input[name=import-files]', ['config.yaml', 'studio-run/models/velocity_net/model.json', 'studio-run/models/velocity_net/weights.bin', 'studio-run/metrics.json'].map((f) => path.join(exported, f)));
    await s.page.waitForFunction(() => (window.fvStudio.state().values.source as { name: string }).name === 'points', undefined, { timeout: 60_000 });
    const yaml = parseYaml(readFileSync(path.join(exported, 'config.yaml'), 'utf8')) as { source: { options: { points: [number, number][] } } };
    const st = await state();
    expect(st.source).toMatchObject({ padShown: true, padPoints: yaml.source.options.points.length });
    expect(await s.page.inputValue('[name="source.name"]')).toBe('points');
    expect(s.errors).toEqual([]);
    expect(s.foreign).toEqual([]);
  });
});

describe('Flow Studio: a link that names drawn source points', () => {
  it('opens with them on the source pad and starts from them; a finger draws on it at 390 px', async () => {
    const ring = Array.from({ length: 24 }, (_, k) => [Math.round((CENTRE[0] + 0.3 * Math.cos((2 * Math.PI * k) / 24)) * 1e4) / 1e4, Math.round((CENTRE[1] + 0.3 * Math.sin((2 * Math.PI * k) / 24)) * 1e4) / 1e4]);
    const link = `${SMALL}&source.name=points&source.options=${encodeURIComponent(JSON.stringify({ points: ring, normalize: false }))}`;
    const s = await openStudio(link, { width: 390, height: 844 }, { hasTouch: true, isMobile: true });
    try {
      const st = await s.page.evaluate(() => window.fvStudio.state());
      expect(st.values.source).toEqual({ name: 'points', n_samples: 0, noise: 0, options: { points: ring, normalize: false } });
      expect(st.source).toMatchObject({ padShown: true, padPoints: 24 });
      await s.page.waitForFunction(() => !!window.fvStudio.state().source.pairsStart);
      expect(farthest((await s.page.evaluate(() => window.fvStudio.state())).source.pairsStart!)).toBeLessThan(0.31);
      expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // A finger's stroke across the bottom of the source pad adds to the ring (real touch input, through CDP).
      const canvas = s.page.getByRole('region', { name: 'Source', exact: true }).locator('canvas');
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      const cdp = await s.page.context().newCDPSession(s.page);
      const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y: box.y + 0.8 * box.height }] });
      await touch('touchStart', box.x + 0.2 * box.width);
      for (let k = 1; k <= 16; k++) await touch('touchMove', box.x + (0.2 + (0.6 * k) / 16) * box.width);
      await touch('touchEnd', box.x + 0.8 * box.width);
      await s.page.waitForFunction(() => ((window.fvStudio.state().values.source as { options: { points: unknown[] } }).options.points?.length ?? 0) > 40);
      const points = ((await s.page.evaluate(() => window.fvStudio.state().values.source)) as { options: { points: [number, number][] } }).options.points;
      // The ring kept; the stroke's points along y = -1.8 (0.8 of the way down the pad's [-3, 3]).
      expect(points.slice(0, 24)).toEqual(ring);
      const line = points.slice(24);
      expect(line.length).toBeGreaterThan(16);
      for (const [, y] of line) expect(Math.abs(y + 1.8)).toBeLessThan(0.25);
      expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // On the phone too the source pad comes right under the data pad.
      const [dataBox, sourceBox] = await Promise.all(['.panel.data', '.panel.source-pad'].map((sel) => s.page.locator(sel).boundingBox()));
      expect(sourceBox!.y).toBeGreaterThan(dataBox!.y + dataBox!.height);
      await s.page.screenshot({ path: path.join(SHOTS, 'source-pad-390.png') });
      await s.page.screenshot({ path: path.join(SHOTS, 'page-390.png'), fullPage: true });
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
