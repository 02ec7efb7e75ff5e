/**
 * Trails as a fading intensity buffer over the plot area: each frame multiplies it by `fade` and adds a line from
 * every point's last position to its new one, so trails are continuous however fast the points move.
 */
import type { Bounds } from '@flow-visualizer/core';
import type { Rgb } from '../../plot/color.js';
import type { Area } from '../../plot/splat.js';

// Module-scope aliases: hot loops run several times slower in a VM context (Jest) when they read `Math` globally.
const { abs, ceil, floor, max, min } = Math;
const { isFinite } = Number;

export class TrailBuffer {
  readonly strength: Float32Array;
  constructor(readonly w: number, readonly h: number, readonly fade: number) {
    this.strength = new Float32Array(w * h);
  }

  /** Fades what is there, then draws segments prev[i] → cur[i] (data units over box b). */
  step(prev: Float32Array, cur: Float32Array, b: Bounds, amount = 0.5): void {
    const s = this.strength, w = this.w, h = this.h;
    for (let i = 0; i < s.length; i++) s[i] *= this.fade;
    const sx = w / (b.xmax - b.xmin), sy = h / (b.ymax - b.ymin);
    for (let i = 0; i + 1 < cur.length; i += 2) {
      const x0 = (prev[i] - b.xmin) * sx, y0 = h - (prev[i + 1] - b.ymin) * sy;
      const x1 = (cur[i] - b.xmin) * sx, y1 = h - (cur[i + 1] - b.ymin) * sy;
      if (!isFinite(x0 + y0 + x1 + y1)) continue;
      const steps = min(400, ceil(max(abs(x1 - x0), abs(y1 - y0))));
      for (let k = 0; k <= steps; k++) {
        const u = steps ? k / steps : 0;
        const x = floor(x0 + (x1 - x0) * u), y = floor(y0 + (y1 - y0) * u);
        if (x >= 0 && x < w && y >= 0 && y < h) s[y * w + x] = min(1, s[y * w + x] + amount);
      }
    }
  }

  /** Blends the trail colour into the w×h `area` of RGBA pixels, at most `opacity` where the trail is full. */
  paint(rgba: Uint8ClampedArray, area: Area, color: Rgb, opacity: number, levels = 5): void {
    const s = this.strength, w = this.w;
    for (let i = 0; i < s.length; i++) {
      // A few steps of strength, not a smooth fade: a trail pixel then changes only when it crosses a step, and
      // the unchanged ones cost nothing in the GIF (they become transparent against the previous frame).
      const a = (ceil(s[i] * levels - 0.5) / levels) * opacity;
      if (a <= 0) continue;
      const k = (area.offset + floor(i / w) * area.stride + (i % w)) << 2;
      rgba[k] += (color[0] - rgba[k]) * a;
      rgba[k + 1] += (color[1] - rgba[k + 1]) * a;
      rgba[k + 2] += (color[2] - rgba[k + 2]) * a;
    }
  }
}
