/// <reference lib="dom" />
/**
 * The page script of report.html (bundled by scripts/bundle-report-client.mjs into one IIFE that report.html
 * inlines). It reads the embedded data and specs, sizes the views to the page (one column and legends below the
 * plot on a narrow screen), embeds them, and moves the points and the field through t from the slider and the play
 * button, and the training samples through the epochs from the second slider. Points between snapshots and the
 * arrows of the field come from the shared plotting module, as in the PNGs and in Flow Studio.
 * `window.fvReport` exposes the state for tests and for the curious (setT, setEpoch, play, pause, t, view).
 */
import { ARROW_FILL, arrowAt } from '../../plot/arrows.js';
import { bracket, lerpPoints, lerpPointsWith, pointRows, type XY } from '../../plot/interpolate.js';
import type { ReportData } from '../data.js';
import type { VlSpec } from '../specs.js';
import type { VegaEmbed, VegaView } from './vega-embed.js';

interface Specs {
  flow: VlSpec;
  loss: VlSpec;
  evolution?: VlSpec;
  comparison?: VlSpec;
  guidance?: VlSpec;
  paths?: VlSpec;
  density?: VlSpec;
  likelihood?: VlSpec;
  density_model?: VlSpec;
  estimator_spread?: VlSpec;
  solvers?: VlSpec;
  size: number;
  playSeconds: number;
}

/** What `window.fvReport` shows. */
export interface ReportState {
  t: number;
  epoch: number;
  view: VegaView | null;
  lossView: VegaView | null;
  evolutionView: VegaView | null;
  playing: boolean;
  renders: number;
  ready: boolean;
  setT?: (t: number | string) => void;
  setEpoch?: (e: number | string) => void;
  play?: () => void;
  pause?: () => void;
}

/** A Vega-Lite layer as far as the page edits it (its colour legend). */
interface Layer {
  encoding?: Record<string, { type?: string; legend?: Record<string, unknown> | null } | undefined>;
}

declare const vegaEmbed: VegaEmbed;
declare global {
  interface Window {
    fvReport: ReportState;
  }
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;
const data = JSON.parse(byId('fv-data')!.textContent!) as ReportData;
const specs = JSON.parse(byId('fv-specs')!.textContent!) as Specs;
const slider = byId<HTMLInputElement>('t-slider')!;
const label = byId('t-value')!;
const playButton = byId<HTMLButtonElement>('play')!;
const showField = byId<HTMLInputElement>('show-field')!;
const showTarget = byId<HTMLInputElement>('show-target')!;
const epochSlider = byId<HTMLInputElement>('epoch-slider');
const epochLabel = byId('epoch-value');
const b = data.bounds;
const state: ReportState = { t: Number(slider.value), epoch: epochSlider ? Number(epochSlider.value) : 0, view: null, lossView: null, evolutionView: null, playing: false, renders: 0, ready: false };
window.fvReport = state;

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Width available to a view: its container, less room for the axes (and the legend when it sits at the right). */
function fit(spec: VlSpec, id: string, maxSize: number, square: boolean): VlSpec {
  const avail = byId(id)!.clientWidth;
  const s = clone(spec) as VlSpec & { width?: number; height?: number; layer?: Layer[] };
  const narrow = avail < maxSize + 150;
  const w = Math.max(160, Math.min(maxSize, avail - (narrow ? 70 : 160)));
  s.width = w;
  s.height = square ? w : Math.round(w * 0.5);
  if (narrow) {
    for (const l of s.layer ?? []) {
      const c = l.encoding && (l.encoding.color || l.encoding.fill);
      // Class names above the plot, wrapped to its width; the speed scale below it (side by side they overflow a phone).
      if (c && c.legend && c.type === 'nominal') Object.assign(c.legend, { orient: 'top', direction: 'horizontal', columns: Math.max(1, Math.floor(w / 95)) });
      else if (c && c.legend) Object.assign(c.legend, { orient: 'bottom', direction: 'horizontal', gradientLength: Math.min(200, w - 40) });
    }
  }
  return s;
}

let size = 0;
const targetRows = pointRows(data.target);

function pointsAt(t: number): XY[] {
  const k = bracket(data.times, t);
  // A conditional run's points carry their condition (field c), which colours them.
  if (data.conditions) return lerpPointsWith(data.frames[k.lo], data.frames[k.hi], k.w, data.conditions);
  return lerpPoints(data.frames[k.lo], data.frames[k.hi], k.w);
}

// The field's arrows: ARROW_FILL of a cell long at the reference speed, capped there (as in the PNGs).
const cell = (b[1] - b[0]) / Math.max(1, data.gridSize);
const perSpeed = data.vref > 0 ? (ARROW_FILL * cell) / data.vref : 0;
function arrowsAt(t: number) {
  if (!data.fields.length) return [];
  const pxPerUnit = size / (b[1] - b[0]);
  const k = bracket(data.fieldTimes, t), a = data.fields[k.lo], c = data.fields[k.hi], g = data.grid;
  const out = [];
  for (let i = 0; i + 1 < g.length; i += 2) {
    const vx = a[i] + (c[i] - a[i]) * k.w, vy = a[i + 1] + (c[i + 1] - a[i + 1]) * k.w;
    const arrow = arrowAt(g[i], g[i + 1], vx, vy, data.vref, perSpeed);
    if (!arrow) continue;
    const len = Math.hypot(arrow.x2 - arrow.x1, arrow.y2 - arrow.y1) * pxPerUnit;
    const head = Math.min(len, Math.min(8, Math.max(3.5, len * 0.45)));
    out.push({ x: arrow.x1, y: arrow.y1, x2: arrow.x2, y2: arrow.y2, speed: arrow.speed, headSpeed: arrow.speed, angle: ((Math.atan2(vx, vy) * 180) / Math.PI + 360) % 360, head: head * head });
  }
  return out;
}

let pending = false, busy = false;
/** Redraws for the latest t only: slider events faster than the view are merged, never queued. */
function draw(): void {
  const view = state.view;
  if (!view) return;
  if (busy) {
    pending = true;
    return;
  }
  busy = true;
  const t = state.t;
  view.data('points', pointsAt(t));
  view.data('arrows', showField.checked ? arrowsAt(t) : []);
  view.data('target', showTarget.checked ? targetRows : []);
  view.runAsync().then(
    () => {
      busy = false;
      state.renders++;
      document.body.setAttribute('data-rendered-t', String(t));
      if (pending) {
        pending = false;
        draw();
      }
    },
    (e: unknown) => {
      busy = false;
      console.error(e);
    },
  );
}

function setT(t: number | string): void {
  state.t = Math.min(1, Math.max(0, Number(t)));
  slider.value = String(state.t);
  label.textContent = 't = ' + state.t.toFixed(2);
  draw();
}
state.setT = setT;

function setEpoch(e: number | string): void {
  const ev = data.evolution;
  if (!ev || !state.evolutionView || !epochSlider || !epochLabel) return;
  state.epoch = Math.min(ev.epochs.length - 1, Math.max(0, Number(e)));
  epochSlider.value = String(state.epoch);
  const lo = Math.floor(state.epoch), hi = Math.min(ev.epochs.length - 1, lo + 1), w = state.epoch - lo;
  const near = w < 0.5 ? lo : hi;
  epochLabel.textContent = 'epoch ' + ev.epochs[near] + ' · sliced W1 ' + ev.w1[near].toFixed(3) + (ev.floor !== null ? ' (floor ' + ev.floor.toFixed(3) + ')' : '');
  state.evolutionView.data('points', ev.conditions ? lerpPointsWith(ev.points[lo], ev.points[hi], w, ev.conditions) : lerpPoints(ev.points[lo], ev.points[hi], w));
  void state.evolutionView.runAsync().then(() => document.body.setAttribute('data-rendered-epoch', String(state.epoch)));
}
state.setEpoch = setEpoch;

let start = 0, from = 0;
function tick(now: number): void {
  if (!state.playing) return;
  const t = from + (now - start) / (specs.playSeconds * 1000);
  if (t >= 1) {
    setT(1);
    pause();
    return;
  }
  setT(t);
  requestAnimationFrame(tick);
}
function play(): void {
  if (state.playing) return;
  state.playing = true;
  from = state.t >= 1 ? 0 : state.t;
  start = performance.now();
  playButton.textContent = '\u275A\u275A Pause';
  playButton.setAttribute('aria-pressed', 'true');
  requestAnimationFrame(tick);
}
function pause(): void {
  state.playing = false;
  playButton.textContent = '\u25B6 Play';
  playButton.setAttribute('aria-pressed', 'false');
}
state.play = play;
state.pause = pause;

const opts = { actions: false, renderer: 'canvas', mode: 'vega-lite' };
/** The flow view; without the field, its speed legend goes too (a legend follows what is shown). */
function embedFlow(): Promise<void> {
  const s = fit(specs.flow, 'flow-view', specs.size, true) as VlSpec & { width: number; layer: Layer[] };
  size = s.width;
  if (!showField.checked) for (const l of s.layer) if (l.encoding?.color?.legend) l.encoding.color.legend = null;
  return vegaEmbed('#flow-view', s, opts).then((r) => {
    state.view?.finalize();
    state.view = r.view;
    document.body.setAttribute('data-legend', showField.checked ? 'speed' : 'none');
  });
}

slider.addEventListener('input', () => {
  pause();
  setT(slider.value);
});
playButton.addEventListener('click', () => (state.playing ? pause() : play()));
showField.addEventListener('change', () => void embedFlow().then(draw));
showTarget.addEventListener('change', draw);
epochSlider?.addEventListener('input', () => setEpoch(epochSlider.value));

const jobs: Promise<unknown>[] = [
  embedFlow(),
  vegaEmbed('#loss-view', fit(specs.loss, 'loss-view', 460, false), opts).then((r) => (state.lossView = r.view)),
];
if (specs.evolution && data.evolution) {
  jobs.push(
    vegaEmbed('#evolution-view', fit(specs.evolution, 'evolution-view', Math.min(specs.size, 420), true), opts).then((r) => {
      state.evolutionView = r.view;
      r.view.data('target', targetRows);
      setEpoch(state.epoch);
    }),
  );
}
// The static views are drawn at their own size and scaled down by CSS to the page's width.
for (const k of ['comparison', 'guidance', 'paths', 'density', 'likelihood', 'density_model', 'estimator_spread', 'solvers'] as const) {
  const spec = specs[k];
  if (spec) jobs.push(vegaEmbed('#' + k + '-view', spec, opts));
}
Promise.all(jobs).then(
  () => {
    setT(state.t);
    state.ready = true;
    document.body.setAttribute('data-ready', 'true');
  },
  (e: unknown) => console.error(e),
);
