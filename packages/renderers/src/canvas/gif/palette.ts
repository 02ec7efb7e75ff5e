/**
 * A fixed GIF palette and a colour → index table, so that frames are quantized by one table look-up per pixel
 * (no per-frame palette search). The palette holds ramps from the background to each colour the animation
 * draws (points, trails, faded target, text, the speed scale of the backdrop arrows) plus a coarse colour cube
 * for the rare blends between two of them.
 */
import { colors, mix, viridis, type Rgb } from '../../plot/color.js';

/** The palette entry that frames after the first use for "unchanged since the last frame" (GIF transparency). */
export const TRANSPARENT_INDEX = 255;

export interface FixedPalette {
  /** 256 [r, g, b] entries; the last one is TRANSPARENT_INDEX, never a drawn colour. */
  colors: number[][];
  /** Index of the nearest palette colour for each 15-bit colour (5 bits per channel). */
  lut: Uint8Array;
}

function ramp(from: Rgb, to: Rgb, steps: number, maxMix = 1): Rgb[] {
  return Array.from({ length: steps }, (_, i) => mix(from, to, ((i + 1) / steps) * maxMix));
}

/**
 * `extra`: colours a conditional run draws its points in (classes, or the continuous scale's stops): each gets a
 * short ramp from the background in the 42 entries left free; without them the palette is what it always was.
 */
export function animationPalette(extra: readonly Rgb[] = []): FixedPalette {
  const bg = colors.background;
  const list: Rgb[] = [bg];
  list.push(...ramp(bg, colors.generated, 48));
  list.push(...ramp(bg, colors.targetFaded, 16));
  list.push(...ramp(bg, colors.text, 24));
  list.push(...ramp(colors.targetFaded, colors.generated, 12));
  for (let k = 0; k < 8; k++) list.push(...ramp(bg, viridis(k / 7), 6, 0.6));
  for (let r = 0; r < 4; r++) for (let g = 0; g < 4; g++) for (let b = 0; b < 4; b++) list.push([r * 85, g * 85, b * 85]);
  const steps = extra.length ? Math.min(8, Math.floor((TRANSPARENT_INDEX - list.length) / extra.length)) : 0;
  for (const c of extra) list.push(...ramp(bg, c, steps));
  const pal = list.slice(0, TRANSPARENT_INDEX).map((c) => [Math.round(c[0]), Math.round(c[1]), Math.round(c[2])]);
  const lut = new Uint8Array(1 << 15);
  for (let key = 0; key < lut.length; key++) {
    const r = ((key >> 10) & 31) * 8.226, g = ((key >> 5) & 31) * 8.226, b = (key & 31) * 8.226;
    let best = 0, bestD = Infinity;
    for (let i = 0; i < pal.length; i++) {
      const p = pal[i]; // only drawn colours here: the padding comes after
      // Green weighs most, blue least, roughly as the eye does.
      const d = 3 * (p[0] - r) ** 2 + 4 * (p[1] - g) ** 2 + 2 * (p[2] - b) ** 2;
      if (d < bestD) bestD = d, best = i;
    }
    lut[key] = best;
  }
  while (pal.length < 256) pal.push([255, 0, 255]);
  return { colors: pal, lut };
}

/** RGBA pixels → palette indices through the table. */
export function indexPixels(rgba: Uint8ClampedArray, lut: Uint8Array, out = new Uint8Array(rgba.length >> 2)): Uint8Array {
  for (let i = 0, j = 0; j < out.length; i += 4, j++) out[j] = lut[((rgba[i] >> 3) << 10) | ((rgba[i + 1] >> 3) << 5) | (rgba[i + 2] >> 3)];
  return out;
}

/**
 * Marks the pixels that did not change since the previous frame as transparent, so that the frame only carries
 * what moved: static parts (axes, title, faded target) become one long run that LZW packs to almost nothing.
 */
export function diffAgainst(previous: Uint8Array, current: Uint8Array, out: Uint8Array): Uint8Array {
  for (let i = 0; i < current.length; i++) out[i] = current[i] === previous[i] ? TRANSPARENT_INDEX : current[i];
  return out;
}
