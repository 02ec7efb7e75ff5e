/**
 * Flow Studio's live views and quality panel by class (issue 27), through the built app's real controls in
 * headless Chromium served by `fv studio`: a conditional model on eight Gaussians (labelled by mode) draws its
 * pairing lines' data points in their class's colour (read back from the canvas's pixels, pair by pair), its
 * particles in more than one class colour, its density over time by class, and the quality panel lists one row
 * per class (fv run's per_class: share nearest their own class, W2 at rest). The same page with the conditional
 * switch off shows one colour and no per-class rows. Screenshots at 1280 and 390 px (FV_SCREENSHOTS=<dir> keeps them).
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { colors, hexToRgb, theme, type Rgb } from '@flow-visualizer/renderers/plot';
import type { FvStudioApi } from './app/test-api.js';
import { VIEW_BOX } from './config/view-box.js';
import { boxArea } from './views/panel.js';
import { openStudio, type StudioSession } from './test-utils/browser.js';

declare global {
  interface Window {
    fvStudio: FvStudioApi;
  }
}

const SHOTS = process.env.FV_SCREENSHOTS ?? path.join(os.tmpdir(), 'fv-studio-class-views');
const EPOCHS = 60;
const SETTINGS = `data.n_samples=1024&model.hidden_dims=[32,32]&training.n_epochs=${EPOCHS}&training.batch_size=128&visualization.n_sampling_steps=20&visualization.n_generated=400`;
const K = 8;
const state = (s: StudioSession) => s.page.evaluate(() => window.fvStudio.state());

/** The palette a pixel is nearest to: class k (0…K−1), or -1 for anything else the views draw (target blue, generated orange, grey, white). */
function nearestColour(px: Rgb): number {
  const others: Rgb[] = [colors.target, colors.generated, hexToRgb(theme.colors.domain), [255, 255, 255]];
  const all = [...theme.classColors.slice(0, K).map(hexToRgb), ...others];
  const d = all.map((c) => (c[0] - px[0]) ** 2 + (c[1] - px[1]) ** 2 + (c[2] - px[2]) ** 2);
  const best = d.indexOf(Math.min(...d));
  return best < K ? best : -1;
}

/** The canvas pixels of `selector`'s canvas at CSS points `at`, and its CSS size. */
async function pixelsAt(s: StudioSession, selector: string, at: (size: { w: number; h: number }) => [number, number][]): Promise<Rgb[]> {
  const size = await s.page.evaluate((sel) => {
    const c = document.querySelector<HTMLCanvasElement>(sel)!;
    return { w: c.clientWidth, h: c.clientHeight };
  }, selector);
  const points = at(size);
  return s.page.evaluate(
    ([sel, pts]) => {
      const c = document.querySelector<HTMLCanvasElement>(sel)!;
      const ratio = c.width / c.clientWidth;
      const g = c.getContext('2d')!;
      return pts.map(([x, y]) => Array.from(g.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data.slice(0, 3)) as [number, number, number]);
    },
    [selector, points] as const,
  );
}

/** The pairing view's data point of each couple, as its pixel's class colour (-1: none). */
async function pairColours(s: StudioSession, x1: number[]): Promise<number[]> {
  const px = await pixelsAt(s, '.panel.pairing canvas', ({ w, h }) => {
    const { scale } = boxArea(VIEW_BOX, w, h);
    return Array.from({ length: x1.length / 2 }, (_, i) => [scale.x(x1[2 * i]), scale.y(x1[2 * i + 1])] as [number, number]);
  });
  return px.map(nearestColour);
}

/**
 * The classes whose colour the density view's target frame (its last) shows in more than 40 pixels: a pixel
 * counts for class k when it lies on the line from white to k's colour (the by-class mix of one class).
 */
async function densityTargetClasses(s: StudioSession): Promise<number[]> {
  const data = await s.page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('.panel.density canvas')!;
    const ratio = c.width / c.clientWidth, w = c.clientWidth;
    // The view's layout: six frames in a row at this width, 8 px apart, under a 16 px title line.
    const side = (w - 8 * 7) / 6, x = 8 + 5 * (side + 8), y = 16;
    const img = c.getContext('2d')!.getImageData(Math.round(x * ratio) + 2, Math.round(y * ratio) + 2, Math.round(side * ratio) - 4, Math.round(side * ratio) - 4);
    return Array.from(img.data);
  });
  const dirs = theme.classColors.slice(0, K).map(hexToRgb).map((c) => unit([255 - c[0], 255 - c[1], 255 - c[2]]));
  const counts = new Array<number>(K).fill(0);
  for (let i = 0; i < data.length; i += 4) {
    const v: Rgb = [255 - data[i], 255 - data[i + 1], 255 - data[i + 2]];
    if (v[0] + v[1] + v[2] < 60) continue;
    const u = unit(v);
    const cos = dirs.map((d) => d[0] * u[0] + d[1] * u[1] + d[2] * u[2]);
    const k = cos.indexOf(Math.max(...cos));
    if (cos[k] > 0.998) counts[k]++;
  }
  return counts.flatMap((n, k) => (n > 40 ? [k] : []));
}

function unit(v: Rgb): Rgb {
  const n = Math.hypot(...v) || 1;
  return [v[0] / n, v[1] / n, v[2] / n];
}

/** Waits for the figures at rest (W2 present) of epoch `epoch`. */
async function restFigures(s: StudioSession, epoch: number): Promise<void> {
  await s.page.waitForFunction((n) => { const q = window.fvStudio.state().stableQuality; return !!q && q.epoch === n && q.w2 !== undefined; }, epoch, { timeout: 120_000 });
}

describe('Flow Studio: live views and quality by class', () => {
  let s: StudioSession;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openStudio(SETTINGS);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('a conditional model on eight Gaussians: each couple\'s data point in the colour of its class', async () => {
    await s.page.selectOption('[name="data.name"]', 'eight_gaussians');
    await s.page.getByRole('switch', { name: 'conditional' }).check();
    await s.page.waitForFunction(() => {
      const st = window.fvStudio.state();
      return (st.values.data as { name: string }).name === 'eight_gaussians' && (st.values.model as { conditional?: boolean }).conditional === true && !!st.pairs?.classes;
    }, undefined, { timeout: 60_000 });
    const pairs = (await state(s)).pairs!;
    const x1 = pairs.x1, classes = pairs.classes!;
    expect(classes).toHaveLength(pairs.n);
    // The classes are the data points' own modes: each class's points lie around one direction, eight apart.
    const angles = Array.from({ length: K }, (_, k) => {
      const mine = classes.flatMap((c, i) => (c === k ? [Math.atan2(x1[2 * i + 1], x1[2 * i])] : []));
      const mean = Math.atan2(mine.reduce((a, t) => a + Math.sin(t), 0), mine.reduce((a, t) => a + Math.cos(t), 0));
      for (const t of mine) expect(Math.abs(Math.atan2(Math.sin(t - mean), Math.cos(t - mean)))).toBeLessThan(0.5);
      return mine.length ? mean : NaN;
    });
    expect(angles.filter(Number.isFinite).length).toBeGreaterThanOrEqual(6);
    // Pixel by pixel: the dot of (nearly) every couple's data point is its class's colour, and several colours show.
    const seen = await pairColours(s, x1);
    const match = seen.filter((c, i) => c === classes[i]).length / seen.length;
    expect(match).toBeGreaterThan(0.9);
    expect(new Set(seen.filter((c) => c >= 0)).size).toBeGreaterThanOrEqual(6);
    await s.page.locator('.panel.pairing').screenshot({ path: path.join(SHOTS, 'studio-class-views-pairing-none-1280.png') });
    // The same batch paired by C²OT (the menu): the same data points and classes, each still in its colour.
    await s.page.getByLabel('pairing to show').selectOption('c2ot');
    await s.page.waitForFunction(() => window.fvStudio.state().pairs?.pairing === 'c2ot');
    const c2ot = (await state(s)).pairs!;
    expect(c2ot.classes).toEqual(classes);
    const seenC2ot = await pairColours(s, c2ot.x1);
    expect(seenC2ot.filter((c, i) => c === classes[i]).length / seenC2ot.length).toBeGreaterThan(0.9);
    await s.page.locator('.panel.pairing').screenshot({ path: path.join(SHOTS, 'studio-class-views-pairing-c2ot-1280.png') });
    await s.page.getByLabel('pairing to show').selectOption({ index: 0 });
    await s.page.waitForFunction(() => window.fvStudio.state().pairs?.own === true);
  });

  it('trains; particles show several class colours, the density frames are by class, the quality panel a row per class', async () => {
    await s.page.getByRole('button', { name: 'Train', exact: true }).click();
    await s.page.waitForFunction((n) => { const st = window.fvStudio.state(); return !st.running && st.epoch === n && st.previewEpoch === n; }, EPOCHS, { timeout: 300_000 });
    await restFigures(s, EPOCHS);
    // Particles: paused at t = 1 through the slider, the particles' pixels in more than one class colour.
    await s.page.getByLabel('particle time').fill('1');
    const samples = (await s.page.evaluate(() => window.fvStudio.samples()))!;
    const particle = await pixelsAt(s, '.panel.particles canvas', ({ w, h }) => {
      const { scale } = boxArea(VIEW_BOX, w, h);
      return Array.from({ length: 200 }, (_, i) => [scale.x(samples.points[2 * i]), scale.y(samples.points[2 * i + 1])] as [number, number]);
    });
    const particleClasses = particle.map(nearestColour);
    expect(new Set(particleClasses.filter((c) => c >= 0)).size).toBeGreaterThanOrEqual(4);
    expect(particleClasses.filter((c, i) => c === samples.conditions[i]).length / 200).toBeGreaterThan(0.6);

    // The density over time by class: the target's frame shows (nearly) every class's colour; one ramp with the box off.
    expect((await state(s)).density.byClass).toBe(true);
    expect((await densityTargetClasses(s)).length).toBeGreaterThanOrEqual(6);
    await s.page.getByLabel('density by class').uncheck();
    expect((await state(s)).density.byClass).toBe(false);
    expect((await densityTargetClasses(s)).length).toBeLessThanOrEqual(1);
    await s.page.getByLabel('density by class').check();

    // The quality panel: one row per class, in class order, W2 and share for each (fv run's per_class figures).
    const rows = s.page.locator('.quality table.per-class tbody tr');
    expect(await rows.count()).toBe(K);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.class))).toEqual(Array.from({ length: K }, (_, k) => String(k)));
    const st = await state(s);
    const per = st.stableQuality!.per_class!;
    expect(per.map((r) => r.class)).toEqual(Array.from({ length: K }, (_, k) => k));
    for (const r of per) {
      expect(r.w2).toBeGreaterThan(0);
      expect(r.n).toBeGreaterThan(0);
    }
    // Trained on its classes, most samples land nearest their own mode (ignoring the class would give about 1/8).
    expect(st.stableQuality!.nearest_class_share).toBeGreaterThan(0.6);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells[1]).toBe(`${(100 * per[0].nearest_share).toFixed(1)}%`);
    expect(Number(cells[2])).toBeCloseTo(per[0].w2!, 3);
    expect(s.errors).toEqual([]);
    await s.page.screenshot({ path: path.join(SHOTS, 'studio-class-views-1280.png'), fullPage: true });
    for (const p of ['pairing', 'particles', 'density', 'quality']) await s.page.locator(`.panel.${p}`).screenshot({ path: path.join(SHOTS, `studio-class-views-${p}-1280.png`) });
  });

  it('fits a 390-px phone: the per-class rows and the density legend inside the screen', async () => {
    await s.page.setViewportSize({ width: 390, height: 844 });
    await s.page.waitForTimeout(400);
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const table = (await s.page.locator('.quality table.per-class').boundingBox())!;
    expect(table.x + table.width).toBeLessThanOrEqual(390);
    await s.page.screenshot({ path: path.join(SHOTS, 'studio-class-views-390.png'), fullPage: true });
    for (const p of ['pairing', 'density', 'quality']) await s.page.locator(`.panel.${p}`).screenshot({ path: path.join(SHOTS, `studio-class-views-${p}-390.png`) });
    await s.page.setViewportSize({ width: 1280, height: 900 });
  });

  it('the same page unconditional: one colour for the couples, no density by class, no per-class rows', async () => {
    await s.page.getByRole('switch', { name: 'conditional' }).uncheck();
    await s.page.waitForFunction(() => {
      const st = window.fvStudio.state();
      return (st.values.model as { conditional?: boolean }).conditional !== true && !!st.pairs && !st.pairs.classes;
    }, undefined, { timeout: 60_000 });
    await s.page.getByRole('button', { name: 'Step', exact: true }).click();
    await restFigures(s, 1);
    expect((await state(s)).stableQuality!.per_class).toBeUndefined();
    expect(await s.page.locator('.quality table.per-class').count()).toBe(0);
    expect(await s.page.locator('.panel.density .live-controls').isHidden()).toBe(true);
    expect((await state(s)).density.byClass).toBe(false);
    // The couples' data points in the target's blue, as before classes: no class colour at (nearly) any of them.
    const seen = await pairColours(s, (await state(s)).pairs!.x1);
    expect(seen.filter((c) => c >= 0).length / seen.length).toBeLessThan(0.1);
    expect(s.errors).toEqual([]);
    await s.page.locator('.panel.pairing').screenshot({ path: path.join(SHOTS, 'studio-class-views-pairing-unconditional-1280.png') });
  });
});
