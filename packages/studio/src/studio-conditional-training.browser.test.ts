/**
 * Flow Studio trains a conditional model end to end through its real controls (issue 27), in headless Chromium
 * served by `fv studio`: the conditional switch, two blobs drawn with two class brushes, Train; then the class
 * picker samples the asked class (≥ 95% of the samples nearest its blob, which fails when the condition is
 * ignored: half would land on the other blob), and the guidance slider re-samples at once without training.
 * The exported config trains the same conditional model with the real `fv run`. Screenshots at 1280 and 390 px
 * (FV_SCREENSHOTS=<dir> keeps them).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { FvStudioApi } from './app/test-api.js';
import { openStudio, type StudioSession } from './test-utils/browser.js';
import { runFv, tmpDir } from './io/test-utils/fv.js';
import { NO_GUIDANCE } from './app/condition-panel.js';

declare global {
  interface Window {
    fvStudio: FvStudioApi;
  }
}

const SHOTS = process.env.FV_SCREENSHOTS ?? path.join(os.tmpdir(), 'fv-studio-conditional');
// Long enough to learn two blobs apart; small points and network so that it takes seconds.
const EPOCHS = 150;
const SETTINGS = `data.n_samples=512&model.hidden_dims=[32,32]&training.n_epochs=${EPOCHS}&training.batch_size=64&visualization.n_sampling_steps=20&visualization.n_generated=400`;
const state = (s: StudioSession) => s.page.evaluate(() => window.fvStudio.state());

/** A short mouse stroke across the pad from (u0, v0) to (u1, v1), in shares of its width and height. */
async function stroke(s: StudioSession, u0: number, v0: number, u1: number, v1: number): Promise<void> {
  const box = (await s.page.locator('.fv-draw-canvas').boundingBox())!;
  const at = (u: number, v: number) => [box.x + u * box.width, box.y + v * box.height] as const;
  await s.page.mouse.move(...at(u0, v0));
  await s.page.mouse.down();
  for (let k = 1; k <= 8; k++) await s.page.mouse.move(...at(u0 + ((u1 - u0) * k) / 8, v0 + ((v1 - v0) * k) / 8));
  await s.page.mouse.up();
}

/** The share of points nearest centre `k` of `centres`. */
function shareNearest(points: number[], centres: [number, number][], k: number): number {
  let hits = 0;
  const n = points.length / 2;
  for (let i = 0; i < n; i++) {
    const d = centres.map(([cx, cy]) => (points[2 * i] - cx) ** 2 + (points[2 * i + 1] - cy) ** 2);
    if (d.indexOf(Math.min(...d)) === k) hits++;
  }
  return hits / n;
}

/** Waits until the settings hold `sampling` and a preview newer than `after` (the re-sample) came, and returns its samples. */
async function nextSamples(s: StudioSession, after: number, sampling: Record<string, unknown>): Promise<{ points: number[]; conditions: number[] }> {
  await s.page.waitForFunction(
    ([n, want]) => {
      const st = window.fvStudio.state();
      const got = (st.values.sampling ?? {}) as Record<string, unknown>;
      return st.previews > n && Object.entries(want).every(([k, v]) => got[k] === v);
    },
    [after, sampling] as const,
    { timeout: 60_000 },
  );
  return (await s.page.evaluate(() => window.fvStudio.samples()))!;
}

describe('Flow Studio: a conditional model trained from the pad', () => {
  let s: StudioSession;
  let centres: [number, number][];
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openStudio(SETTINGS);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('the switch turns the model conditional; the class brushes appear; c2ot is offered', async () => {
    expect(await s.page.locator('[name="flow.pairing"] option[value="c2ot"]').count()).toBe(0);
    await s.page.getByRole('switch', { name: 'conditional' }).check();
    await s.page.waitForFunction(() => (window.fvStudio.state().values.model as { conditional?: boolean } | undefined)?.conditional === true);
    expect(await s.page.locator('.fv-class-brushes').isVisible()).toBe(true);
    expect(await s.page.locator('[name="flow.pairing"] option[value="c2ot"]').count()).toBe(1);
    // The default dataset (the T-Rex) is labelled by part: its classes are offered at once.
    const options = await s.page.locator('[name="sampling-class"] option').allTextContents();
    expect(options.length).toBeGreaterThan(2);
  });

  it('two blobs drawn with two brushes become a labelled dataset (one class alone waits for the second)', async () => {
    await s.page.getByRole('button', { name: 'Brush for class 0' }).click();
    await stroke(s, 0.2, 0.25, 0.3, 0.3);
    expect(await s.page.locator('.panel.data .msg').textContent()).toMatch(/Pick the brush of class 1/);
    expect((await state(s)).values.data).toMatchObject({ name: 'trex' });
    await s.page.getByRole('button', { name: 'Brush for class 1' }).click();
    await stroke(s, 0.7, 0.7, 0.8, 0.75);
    await s.page.waitForFunction(() => (window.fvStudio.state().values.data as { name: string }).name === 'points');
    const st = await state(s);
    const opts = (st.values.data as { options: { points: [number, number][]; labels: number[] } }).options;
    expect(opts.labels).toHaveLength(opts.points.length);
    expect(new Set(opts.labels)).toEqual(new Set([0, 1]));
    expect(st.values.model).toMatchObject({ conditional: true, condition: 'class' });
    centres = [0, 1].map((k) => {
      const mine = opts.points.filter((_, i) => opts.labels[i] === k);
      return [mine.reduce((a, p) => a + p[0], 0) / mine.length, mine.reduce((a, p) => a + p[1], 0) / mine.length] as [number, number];
    });
    // Well apart: the blobs' centres more than 1.5 box units from each other.
    expect(Math.hypot(centres[0][0] - centres[1][0], centres[0][1] - centres[1][1])).toBeGreaterThan(1.5);
    expect(st.conditioning).toMatchObject({ available: true, classes: ['class 0', 'class 1'] });
  });

  it('trains v(x, t, c); class 1 then lands on blob 1 and class 0 on blob 0', async () => {
    await s.page.getByRole('button', { name: 'Train', exact: true }).click();
    await s.page.waitForFunction((n) => { const st = window.fvStudio.state(); return !st.running && st.epoch === n && st.previewEpoch === n; }, EPOCHS, { timeout: 300_000 });
    const trained = await state(s);
    expect(trained.lossHistory).toHaveLength(EPOCHS);
    // In proportion (no class asked), the samples carry both classes.
    const mixed = (await s.page.evaluate(() => window.fvStudio.samples()))!;
    expect(new Set(mixed.conditions)).toEqual(new Set([0, 1]));

    await s.page.getByLabel('Class to sample').selectOption('1');
    const one = await nextSamples(s, trained.previews, { class: 1 });
    expect(one.conditions.every((c) => c === 1)).toBe(true);
    expect(shareNearest(one.points, centres, 1)).toBeGreaterThanOrEqual(0.95);
    const st1 = await state(s);
    expect(st1.values.sampling).toMatchObject({ class: 1 });

    await s.page.getByLabel('Class to sample').selectOption('0');
    const zero = await nextSamples(s, st1.previews, { class: 0 });
    expect(shareNearest(zero.points, centres, 0)).toBeGreaterThanOrEqual(0.95);
    const st0 = await state(s);
    await s.page.getByLabel('Class to sample').selectOption('1');
    await nextSamples(s, st0.previews, { class: 1 });
    await s.page.screenshot({ path: path.join(SHOTS, 'studio-conditional-1280.png'), fullPage: true });
  }, 360_000);

  it('the guidance slider re-samples at once without training: w = 0 is the unconditional model, w = 4 pushes further', async () => {
    const before = await state(s);
    const w1 = (await s.page.evaluate(() => window.fvStudio.samples()))!;
    await s.page.getByLabel('Guidance weight w').fill('0');
    const w0 = await nextSamples(s, before.previews, { class: 1, guidance: 0 });
    // w = 0 ignores the class: both blobs again (about half each), so the samples differ from w = 1's.
    expect(shareNearest(w0.points, centres, 1)).toBeLessThan(0.85);
    expect(w0.points).not.toEqual(w1.points);
    const mid = await state(s);
    await s.page.getByLabel('Guidance weight w').fill('4');
    const w4 = await nextSamples(s, mid.previews, { class: 1, guidance: 4 });
    expect(w4.points).not.toEqual(w1.points);
    expect(shareNearest(w4.points, centres, 1)).toBeGreaterThanOrEqual(0.95);
    const after = await state(s);
    // No training ran: the same epoch and loss history, nothing running.
    expect(after.epoch).toBe(before.epoch);
    expect(after.lossHistory).toEqual(before.lossHistory);
    expect(after.running).toBe(false);
    expect(after.values.sampling).toMatchObject({ class: 1, guidance: 4 });
    expect(after.lastChange?.outcome).toBe('resample');
    // The link carries the conditional keys.
    const hash = decodeURIComponent(new URL(s.page.url()).hash);
    expect(hash).toMatch(/model\.conditional=true/);
    expect(hash).toMatch(/sampling\.guidance=4/);
    expect(s.errors).toEqual([]);
  });

  it('the exported config trains the same conditional model with the real `fv run`', async () => {
    const files = await s.page.evaluate(() => window.fvStudio.exportFiles());
    if (typeof files === 'string') throw new Error(files);
    const dir = tmpDir('fv-studio-conditional-');
    for (const f of files) {
      mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
      writeFileSync(path.join(dir, f.path), Buffer.from(f.base64, 'base64'));
    }
    const config = parse(readFileSync(path.join(dir, 'config.yaml'), 'utf8'));
    expect(config.model).toMatchObject({ conditional: true, condition: 'class' });
    expect(config.training.cond_dropout).toBeGreaterThan(0);
    expect(config.data.options.labels).toHaveLength(config.data.options.points.length);
    expect(config.sampling).toMatchObject({ class: 1, guidance: 4 });
    const r = runFv(['run', '--config', 'config.yaml', 'training.n_epochs=3', 'output.dir=cli-run', 'visualization.renderers=[canvas]', 'visualization.n_metric_samples=300', 'visualization.n_generated=300'], dir);
    expect([r.status, r.stderr]).toEqual([0, expect.anything()]);
    const specOf = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')).modelTopology.config;
    const cli = specOf('cli-run/models/velocity_net/model.json');
    const page = specOf(files.find((f) => f.path.endsWith('velocity_net/model.json'))!.path);
    // The same network: the same condition input, widths and seed as the page trained.
    expect(cli.condition).toEqual(page.condition);
    expect(cli.condition).toMatchObject({ on: 'class', classes: 2, nullToken: true });
    expect([cli.condDim, cli.hiddenDims, cli.seed]).toEqual([page.condDim, page.hiddenDims, page.seed]);
    const metrics = JSON.parse(readFileSync(path.join(dir, 'cli-run/metrics.json'), 'utf8'));
    expect(metrics).toMatchObject({ condition: 'class', guidance: 4 });
  }, 300_000);

  it('c2ot is chosen from the pairing list for the conditional model and trains; the switch off takes it back to ot', async () => {
    await s.page.locator('[name="flow.pairing"]').selectOption('c2ot');
    await s.page.waitForFunction(() => (window.fvStudio.state().values.flow as { pairing: string }).pairing === 'c2ot');
    await s.page.getByRole('button', { name: 'Step', exact: true }).click();
    await s.page.waitForFunction(() => window.fvStudio.state().epoch === 1 && !window.fvStudio.state().running, undefined, { timeout: 60_000 });
    // The pairing-lines view pairs one batch by the run's own c2ot, given the data's classes.
    await s.page.waitForFunction(() => window.fvStudio.state().pairs?.pairing === 'c2ot', undefined, { timeout: 30_000 });
    expect((await state(s)).errors).toEqual({});
    await s.page.getByRole('switch', { name: 'conditional' }).uncheck();
    await s.page.waitForFunction(() => (window.fvStudio.state().values.model as { conditional: boolean }).conditional === false);
    const st = await state(s);
    expect(st.values.flow).toMatchObject({ pairing: 'ot' });
    expect(st.values.sampling ?? {}).toEqual({});
    expect(await s.page.locator('[name="flow.pairing"] option[value="c2ot"]').count()).toBe(0);
    expect(await s.page.locator('[name="sampling-class"]').isDisabled()).toBe(true);
    expect(await s.page.locator('.fv-class-brushes').isHidden()).toBe(true);
    expect(s.errors).toEqual([]);
  });

  it('a labelled built-in dataset: its classes are offered by name once the switch is on', async () => {
    await s.page.locator('[name="data.name"]').selectOption('moons');
    await s.page.getByRole('switch', { name: 'conditional' }).check();
    await s.page.waitForFunction(() => window.fvStudio.state().conditioning.available);
    const options = await s.page.locator('[name="sampling-class"] option').allTextContents();
    expect(options).toEqual(['all classes, in proportion', '0: upper moon', '1: lower moon']);
  });

  it('conditioned on x: values to pick instead of classes, samples coloured by the value each was asked for; label dropout 0 holds guidance at 1', async () => {
    await s.page.getByLabel('Condition on').selectOption('x');
    await s.page.waitForFunction(() => (window.fvStudio.state().values.model as { condition: string }).condition === 'x');
    const options = await s.page.locator('[name="sampling-class"] option').allTextContents();
    expect(options[0]).toBe("the target's own x, in proportion");
    expect(options).toContain('x = 1');
    const before = (await state(s)).previews;
    await s.page.getByRole('button', { name: 'Step', exact: true }).click();
    await s.page.waitForFunction((n) => window.fvStudio.state().previews > n, before, { timeout: 60_000 });
    const samples = (await s.page.evaluate(() => window.fvStudio.samples()))!;
    // Continuous values (the target points' x), not class ids.
    expect(samples.conditions.some((c) => !Number.isInteger(c))).toBe(true);
    // One value asked: every sample is conditioned on it (sampling.condition), without training.
    const { epoch, previews } = await state(s);
    await s.page.getByLabel('Value to sample').selectOption('1');
    const at1 = await nextSamples(s, previews, { condition: 1 });
    expect(at1.conditions.every((c) => c === 1)).toBe(true);
    expect((await state(s)).epoch).toBe(epoch);
    await s.page.getByLabel('Value to sample').selectOption('');
    await s.page.waitForFunction(() => (window.fvStudio.state().values.sampling as { condition?: number } | undefined)?.condition === undefined);
    await s.page.locator('[name="training.cond_dropout"]').fill('0');
    await s.page.locator('[name="training.cond_dropout"]').press('Tab');
    await s.page.waitForFunction(() => (window.fvStudio.state().values.training as { cond_dropout: number }).cond_dropout === 0);
    expect(await s.page.locator('[name="guidance"]').isDisabled()).toBe(true);
    expect(await s.page.locator('.conditioning .msg').textContent()).toBe(NO_GUIDANCE);
    expect(await s.page.evaluate(() => window.fvStudio.setConditioning({ guidance: 2 }))).toBe(NO_GUIDANCE);
    await s.page.getByLabel('Condition on').selectOption('class');
    await s.page.waitForFunction(() => (window.fvStudio.state().values.model as { condition: string }).condition === 'class');
    expect(s.errors).toEqual([]);
  }, 120_000);

  it('imports a conditional run made by the real `fv run`: its classes in the picker, its samples by class', async () => {
    const dir = tmpDir('fv-studio-conditional-import-');
    const r = runFv(['run', 'data.name=eight_gaussians', 'data.n_samples=256', 'model.conditional=true', 'model.hidden_dims=[16,16]', 'training.n_epochs=3', 'training.batch_size=64', 'visualization.renderers=[canvas]', 'visualization.n_metric_samples=200', 'visualization.n_generated=200', `output.dir=${path.join(dir, 'run')}`], dir);
    expect([r.status, r.stderr]).toEqual([0, expect.anything()]);
    const previews = (await state(s)).previews;
    const run = path.join(dir, 'run');
    await s.page.setInputFiles('input[name=import-files]', ['config.yaml', 'models/velocity_net/model.json', 'models/velocity_net/weights.bin', 'metrics.json'].map((f) => path.join(run, f)));
    await s.page.waitForFunction((n) => window.fvStudio.state().previews > n, previews, { timeout: 60_000 });
    const st = await state(s);
    expect(st.epoch).toBe(3);
    expect(st.conditioning).toMatchObject({ available: true, conditional: true });
    expect(st.conditioning.classes).toHaveLength(8);
    const samples = (await s.page.evaluate(() => window.fvStudio.samples()))!;
    expect(new Set(samples.conditions).size).toBe(8);
    expect(s.errors).toEqual([]);
  }, 120_000);

  it('fits a 390-px phone: the switch, picker and slider inside the screen', async () => {
    await s.page.setViewportSize({ width: 390, height: 844 });
    await s.page.waitForTimeout(300);
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const sel of ['[name="model.conditional"]', '[name="model.condition"]', '[name="sampling-class"]', '[name="guidance"]']) {
      const box = (await s.page.locator(sel).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await s.page.locator('.conditioning').screenshot({ path: path.join(SHOTS, 'studio-conditional-390-controls.png') });
    await s.page.screenshot({ path: path.join(SHOTS, 'studio-conditional-390-top.png') });
    await s.page.screenshot({ path: path.join(SHOTS, 'studio-conditional-390.png'), fullPage: true });
  });
});
