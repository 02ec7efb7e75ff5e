/**
 * Data units to CSS pixels, and the part of a 2D canvas context the shared drawing code uses: the browser's
 * CanvasRenderingContext2D (Flow Studio) and @napi-rs/canvas's context (the PNGs and GIFs) both have it.
 */
import type { Bounds } from '@flow-visualizer/core';

/** A plot area in CSS pixels. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Maps data to CSS pixels inside a plot area; y grows upwards, as in the data. */
export interface Scale {
  x(v: number): number;
  y(v: number): number;
}

export function linearScale(rect: Rect, b: Bounds): Scale {
  const sx = rect.w / (b.xmax - b.xmin), sy = rect.h / (b.ymax - b.ymin);
  return { x: (v) => rect.x + (v - b.xmin) * sx, y: (v) => rect.y + rect.h - (v - b.ymin) * sy };
}

/** The pixel data of a context: an RGBA byte array w×h. */
export interface PixelData {
  readonly data: Uint8ClampedArray;
}

/** The 2D context methods the shared drawing code calls (a structural subset of CanvasRenderingContext2D). */
export interface Canvas2D {
  lineWidth: number;
  lineCap: string;
  strokeStyle: unknown;
  fillStyle: unknown;
  save(): void;
  restore(): void;
  beginPath(): void;
  closePath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  fill(): void;
  getImageData(x: number, y: number, w: number, h: number): PixelData;
  putImageData(image: never, x: number, y: number): void;
}
