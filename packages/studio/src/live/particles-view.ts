/**
 * Particles with trails, playing in a loop: the preview's samples carried from noise (t = 0) to data (t = 1),
 * each drawn where it is at the view's time with a fading trail of where it was just before (positions between
 * the preview's snapshots are interpolated). Its own play/pause button and time slider: pausing mid-play keeps
 * the time, moving the slider pauses and shows that time. Under them, faintly, the model's field at that time
 * (interpolated between the preview's fields), on the field view's speed scale; a checkbox hides it.
 */
import { gridPoints, type FieldSnapshot } from '@flow-visualizer/core';
import { ARROW_FILL, bracket, classHex, classRgb, colors, drawArrows, rgbCss, speedScale, theme, viridis } from '@flow-visualizer/renderers/plot';
import type { Preview } from '../worker/protocol.js';
import { VIEW_BOX } from '../config/view-box.js';
import { boxArea, createPanel, type Panel } from '../views/panel.js';
import type { Rect, Scale } from '@flow-visualizer/renderers/plot';
import { cornerLabel, fadedTarget, frame } from './draw-helpers.js';

/** Particles drawn: enough to show the flow, few enough to follow one. */
const PARTICLES = 300;
/** Seconds for t to go from 0 to 1, and the pause on the data before looping. */
const SWEEP_SECONDS = 4;
/** Drawings per second of the loop: the trails read as motion at 30, and the page's thread keeps the rest. */
const MAX_FPS = 30;
const HOLD_SECONDS = 0.8;
/** Trail length in t, and the points along it. */
const TRAIL = 0.15;
const TRAIL_STEPS = 8;

export class ParticlesView {
  readonly panel: Panel = createPanel('Particles: start → data, in a loop', 'particles');
  readonly playButton: HTMLButtonElement;
  readonly slider: HTMLInputElement;
  readonly fieldBox: HTMLInputElement;
  private readonly readout: HTMLOutputElement;
  private preview?: Preview;
  private target?: Float32Array;
  private t = 0;
  private holdUntil = 0;
  private frameId = 0;
  private last = 0;
  /** Whether the user paused: new previews then do not start the loop again. */
  private userPaused = false;
  private bg?: { key: string; target?: Float32Array; canvas: HTMLCanvasElement };
  private fieldScale?: { preview: Preview; grid: Float32Array; vref: number };

  constructor() {
    const bar = document.createElement('div');
    bar.className = 'live-controls';
    this.playButton = document.createElement('button');
    this.playButton.type = 'button';
    this.playButton.className = 'particles-play';
    this.slider = document.createElement('input');
    this.slider.type = 'range';
    this.slider.min = '0';
    this.slider.max = '1';
    this.slider.step = '0.01';
    this.slider.value = '0';
    this.slider.setAttribute('aria-label', 'particle time');
    this.readout = document.createElement('output');
    const fieldLabel = document.createElement('label');
    this.fieldBox = document.createElement('input');
    this.fieldBox.type = 'checkbox';
    this.fieldBox.checked = true;
    this.fieldBox.setAttribute('aria-label', 'field under the particles');
    fieldLabel.append(this.fieldBox, ' field');
    fieldLabel.title = 'The learned velocity field at this time, under the particles (arrows coloured by speed, as the vector field view).';
    bar.append(this.playButton, this.slider, this.readout, fieldLabel);
    this.panel.root.append(bar);
    this.fieldBox.addEventListener('change', () => this.draw());
    this.panel.root.title = 'Each dot is one sample moved by the learned field; its tail shows where it was a moment before. The loop restarts from fresh noise positions at t = 0.';
    this.playButton.addEventListener('click', () => (this.playing ? this.pause(true) : this.play()));
    this.slider.addEventListener('input', () => {
      this.pause(true);
      this.t = Number(this.slider.value);
      this.draw();
    });
    this.showButton();
    // Motion only when asked for where the user prefers less of it.
    this.userPaused = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    // The loop draws on the page's thread: off screen it only keeps time, so that sliders and the pad stay quick.
    if (typeof IntersectionObserver !== 'undefined') {
      new IntersectionObserver((entries) => {
        this.onScreen = entries[entries.length - 1].isIntersecting;
        if (this.onScreen) this.draw();
      }).observe(this.panel.root);
    }
  }

  private onScreen = true;

  private lastDraw = 0;

  get playing(): boolean {
    return this.frameId !== 0;
  }

  get time(): number {
    return this.t;
  }

  show(preview: Preview | undefined, target: Float32Array | undefined): void {
    this.preview = preview;
    this.target = target;
    if (preview && !this.playing && !this.userPaused) this.play();
    if (!preview) this.pause(false);
    this.draw();
  }

  play(): void {
    this.userPaused = false;
    if (this.playing) return;
    if (this.t >= 1) this.t = 0;
    this.last = performance.now();
    const tick = (now: number) => {
      const dt = Math.min(0.1, (now - this.last) / 1000);
      this.last = now;
      if (this.t >= 1) {
        if (!this.holdUntil) this.holdUntil = now + HOLD_SECONDS * 1000;
        if (now >= this.holdUntil) {
          this.t = 0;
          this.holdUntil = 0;
        }
      } else this.t = Math.min(1, this.t + dt / SWEEP_SECONDS);
      // At most ~30 drawings a second, none while the loop holds at t = 1 or the panel is off screen.
      if (this.onScreen && !this.holdUntil && now - this.lastDraw >= 1000 / MAX_FPS) {
        this.lastDraw = now;
        this.draw();
      }
      this.frameId = requestAnimationFrame(tick);
    };
    this.frameId = requestAnimationFrame(tick);
    this.showButton();
  }

  pause(byUser: boolean): void {
    if (byUser) this.userPaused = true;
    cancelAnimationFrame(this.frameId);
    this.frameId = 0;
    this.holdUntil = 0;
    this.showButton();
  }

  private showButton(): void {
    this.playButton.textContent = this.playing ? '❚❚' : '▶';
    this.playButton.setAttribute('aria-label', this.playing ? 'pause particles' : 'play particles');
  }

  /**
   * The frame and the faded target, drawn once per size and target into a canvas of their own: a frame of the
   * loop then copies it instead of blending 2,000 target points again (60 times a second).
   */
  private background(w: number, h: number, ratio: number): HTMLCanvasElement {
    const key = `${w}x${h}@${ratio}`;
    if (this.bg && this.bg.key === key && this.bg.target === this.target) return this.bg.canvas;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    const g = canvas.getContext('2d', { willReadFrequently: true })!;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.fillStyle = theme.colors.background;
    g.fillRect(0, 0, w, h);
    const { rect, scale } = boxArea(VIEW_BOX, w, h);
    frame(g, rect, scale);
    fadedTarget(g, rect, ratio, this.target);
    this.bg = { key, target: this.target, canvas };
    return canvas;
  }

  /** The field at time t, between the preview's two nearest fields, faint under the particles. */
  private drawField(g: CanvasRenderingContext2D, p: Preview, t: number, rect: Rect, sc: Scale): void {
    const m = p.gridSize, cells = 2 * m * m;
    if (this.fieldScale?.preview !== p) {
      const grid = gridPoints(VIEW_BOX, m);
      const fields: FieldSnapshot[] = p.times.map((time, i) => ({ t: time, grid, velocity: p.field.subarray(i * cells, (i + 1) * cells) }));
      this.fieldScale = { preview: p, grid, vref: speedScale(fields, this.target ?? new Float32Array(), VIEW_BOX).vref };
    }
    const { grid, vref } = this.fieldScale;
    const { lo, hi, w } = bracket(p.times, t);
    const velocity = new Float32Array(cells);
    for (let k = 0; k < cells; k++) velocity[k] = p.field[lo * cells + k] + (p.field[hi * cells + k] - p.field[lo * cells + k]) * w;
    const cell = (VIEW_BOX.xmax - VIEW_BOX.xmin) / m;
    g.save();
    g.globalAlpha = 0.45;
    g.beginPath();
    g.rect(rect.x, rect.y, rect.w, rect.h);
    g.clip();
    drawArrows(g, { t, grid, velocity }, sc, { lengthPerSpeed: vref > 0 ? (ARROW_FILL * cell) / vref : 0, vmax: vref, color: viridis, lineWidth: Math.sqrt(rect.w / 320) });
    g.restore();
  }

  private draw(): void {
    this.slider.value = this.t.toFixed(2);
    this.readout.textContent = `t = ${this.t.toFixed(2)}`;
    const p = this.preview, t = this.t;
    this.panel.paint((g, w, h, ratio) => {
      const { rect, scale } = boxArea(VIEW_BOX, w, h);
      g.drawImage(this.background(w, h, ratio), 0, 0, w, h);
      if (p && this.fieldBox.checked) this.drawField(g, p, t, rect, scale);
      if (!p) return cornerLabel(g, 'no model yet', w);
      const n = Math.min(PARTICLES, p.n);
      const at = (s: number, i: number, out: [number, number]) => {
        const { lo, hi, w: wt } = bracket(p.times, Math.max(0, s));
        const a = lo * 2 * p.n + 2 * i, b = hi * 2 * p.n + 2 * i;
        out[0] = p.points[a] + (p.points[b] - p.points[a]) * wt;
        out[1] = p.points[a + 1] + (p.points[b + 1] - p.points[a + 1]) * wt;
      };
      const xy: [number, number] = [0, 0];
      g.save();
      g.beginPath();
      g.rect(rect.x, rect.y, rect.w, rect.h);
      g.clip();
      // A class-conditional model's particles and trails in their class's colour (the point views' palette).
      const classes = p.condition?.on === 'class' && p.conditions ? p.conditions : undefined;
      const groups = classes ? [...new Set(Array.from(classes.subarray(0, n), Math.round))].sort((a, b) => a - b) : [-1];
      // Trails: older segments fainter, drawn segment by segment from the oldest.
      const scaleW = Math.sqrt(rect.w / 320);
      g.lineWidth = 1.1 * scaleW;
      g.lineCap = 'round';
      for (let k = 0; k < TRAIL_STEPS; k++) {
        const s0 = t - TRAIL + (k * TRAIL) / TRAIL_STEPS, s1 = s0 + TRAIL / TRAIL_STEPS;
        if (s1 <= 0) continue;
        for (const c of groups) {
          g.strokeStyle = rgbCss(c < 0 ? colors.generated : classRgb(c), 0.05 + (0.45 * (k + 1)) / TRAIL_STEPS);
          g.beginPath();
          for (let i = 0; i < n; i++) {
            if (classes && Math.round(classes[i]) !== c) continue;
            at(s0, i, xy);
            g.moveTo(scale.x(xy[0]), scale.y(xy[1]));
            at(s1, i, xy);
            g.lineTo(scale.x(xy[0]), scale.y(xy[1]));
          }
          g.stroke();
        }
      }
      const r = 1.8 * scaleW;
      for (const k of groups) {
        g.fillStyle = k < 0 ? theme.colors.generated : classHex(k);
        g.beginPath();
        for (let i = 0; i < n; i++) {
          if (classes && Math.round(classes[i]) !== k) continue;
          at(t, i, xy);
          const x = scale.x(xy[0]), y = scale.y(xy[1]);
          g.moveTo(x + r, y);
          g.arc(x, y, r, 0, 2 * Math.PI);
        }
        g.fill();
      }
      g.restore();
      cornerLabel(g, `t = ${t.toFixed(2)}`, w);
    });
  }
}
