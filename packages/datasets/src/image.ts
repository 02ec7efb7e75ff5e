/**
 * `image`: points drawn from the dark (or opaque) pixels of a PNG or JPEG, each pixel chosen with probability
 * proportional to its darkness (or opacity), jittered uniformly within the pixel, y axis pointing up.
 */
import { readImageHeader } from './io/image-header.js';
import { z } from 'zod';
import { definePlugin, FvError, errorMessage, type PluginContext, type UserFiles } from '@flow-visualizer/core';
import { dataNoise, finish, fitForBounds, type SyncDataset } from './common.js';
import { upperBound } from './geometry/polygon.js';
import { readUserFile, requireFiles } from './io/user-file.js';

const PLUGIN = 'fv:dataset-image';

/** Larger images are drawn scaled down to this many pixels on their long side: plenty for a 2D point cloud. */
export const MAX_IMAGE_SIDE = 1024;
/** Most pixels an image may declare: decoders allocate 4 bytes per pixel before fv scales it down (200 MB here). */
export const MAX_IMAGE_PIXELS = 50_000_000;

export const imageOptionsSchema = z
  .strictObject({
    file: z.string().min(1).describe('PNG or JPEG file; relative to the config file.'),
    mode: z.enum(['dark', 'opaque']).default('dark').describe('Which pixels make the shape: dark ones (on a light or transparent background) or opaque ones (on a transparent background).'),
    threshold: z.number().min(0).max(1).default(0.5).describe('Pixels less dark (mode dark) or less opaque (mode opaque) than this, 0 to 1, are left out.'),
  })
  .describe('Options of the image dataset.');

export type ImageOptions = z.output<typeof imageOptionsSchema>;

/** The weighted pixels of an image: x, y (pixel column, row counted from the bottom) and cumulative weights. */
export interface PixelWeights {
  width: number;
  height: number;
  xs: Uint16Array;
  ys: Uint16Array;
  cum: Float64Array;
}

/**
 * Weights of the RGBA pixels: darkness is 1 - luminance after compositing over white (so a transparent pixel is
 * not dark), opacity is alpha. Pixels under the threshold get none.
 */
export function pixelWeights(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, mode: 'dark' | 'opaque', threshold: number): PixelWeights {
  const xs: number[] = [], ys: number[] = [], w: number[] = [];
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const o = 4 * (row * width + col);
      const a = rgba[o + 3] / 255;
      const lum = (0.2126 * rgba[o] + 0.7152 * rgba[o + 1] + 0.0722 * rgba[o + 2]) / 255;
      const v = mode === 'dark' ? a * (1 - lum) : a;
      if (v > 0 && v >= threshold) {
        xs.push(col);
        ys.push(height - 1 - row);
        w.push(v);
      }
    }
  }
  const cum = new Float64Array(w.length);
  let t = 0;
  for (let i = 0; i < w.length; i++) cum[i] = t += w[i];
  return { width, height, xs: Uint16Array.from(xs), ys: Uint16Array.from(ys), cum };
}

/** A dataset drawing from weighted pixels, scaled so the chosen pixels fill the box. */
export function pixelDataset(px: PixelWeights, noise = 0): SyncDataset {
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (let i = 0; i < px.xs.length; i++) {
    xmin = Math.min(xmin, px.xs[i]); xmax = Math.max(xmax, px.xs[i] + 1);
    ymin = Math.min(ymin, px.ys[i]); ymax = Math.max(ymax, px.ys[i] + 1);
  }
  const fit = fitForBounds({ xmin, xmax, ymin, ymax });
  const total = px.cum[px.cum.length - 1];
  return {
    id: 'image',
    sample(n, rng) {
      const out = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const k = upperBound(px.cum, rng.next() * total);
        out[2 * i] = (px.xs[k] + rng.next() - fit.cx) * fit.s;
        out[2 * i + 1] = (px.ys[k] + rng.next() - fit.cy) * fit.s;
      }
      return finish(out, noise, rng);
    },
  };
}

/** Decodes the image file into RGBA pixels (scaled down when huge) with the host's decoder. */
async function decode(files: UserFiles, bytes: Uint8Array, name: string): Promise<{ rgba: Uint8ClampedArray | Uint8Array; width: number; height: number }> {
  const header = readImageHeader(bytes);
  if (header && header.width * header.height > MAX_IMAGE_PIXELS) {
    throw new FvError('DATA_INVALID', `Image '${name}' declares ${header.width}×${header.height} pixels, more than the ${MAX_IMAGE_PIXELS / 1e6} million fv decodes.`, {
      hint: `Scale it down first (fv uses at most ${MAX_IMAGE_SIDE} pixels a side), e.g. convert in.png -resize ${MAX_IMAGE_SIDE}x${MAX_IMAGE_SIDE} out.png.`,
      plugin: PLUGIN,
    });
  }
  if (header && !header.complete) {
    throw new FvError('DATA_INVALID', `Image '${name}' is cut short: the ${header.format.toUpperCase()} does not end with its end marker, so only part of it would be decoded.`, {
      hint: 'Export or download the image again, whole.',
      plugin: PLUGIN,
    });
  }
  let img;
  try {
    img = await files.decodeImage(bytes, MAX_IMAGE_SIDE);
  } catch (e) {
    throw new FvError('DATA_INVALID', `Image '${name}' could not be read as an image: ${errorMessage(e)}`, {
      hint: 'Give a PNG or JPEG file (re-export it from an image editor if it is damaged).',
      plugin: PLUGIN,
      cause: e,
    });
  }
  if (!(img.width > 0 && img.height > 0)) {
    throw new FvError('DATA_INVALID', `Image '${name}' has no pixels (${img.width}×${img.height}).`, { hint: 'Give a PNG or JPEG with a visible shape.', plugin: PLUGIN });
  }
  return img;
}

/** Reads, decodes and weighs the image, then builds the dataset. */
export async function imageDataset(options: ImageOptions, ctx: Pick<PluginContext, 'baseDir' | 'files'>, noise = 0): Promise<SyncDataset> {
  const files = requireFiles(ctx.files, PLUGIN, options.file);
  const file = await readUserFile(files, options.file, ctx.baseDir, PLUGIN);
  const { rgba, width, height } = await decode(files, file.bytes, options.file);
  const px = pixelWeights(rgba, width, height, options.mode, options.threshold);
  if (px.cum.length === 0) {
    const what = options.mode === 'dark' ? 'dark enough' : 'opaque enough';
    throw new FvError('DATA_INVALID', `Image '${options.file}' has no pixel ${what} (mode ${options.mode}, threshold ${options.threshold}).`, {
      hint:
        options.mode === 'dark'
          ? 'Draw the shape dark on a light or transparent background, lower data.options.threshold, or use mode: opaque for a light shape on transparency.'
          : 'Give a PNG with a transparent background, lower data.options.threshold, or use mode: dark.',
      plugin: PLUGIN,
    });
  }
  return pixelDataset(px, noise);
}

/**
 * Plugin factory: `data.name: image`, `data.options.file: silhouette.png`. Files are read and decoded through
 * the context's reader (PluginContext.files), else through `defaults.files`.
 */
export const image = (defaults: { files?: UserFiles } = {}) =>
  definePlugin({
    name: PLUGIN,
    kind: 'dataset',
    id: 'image',
    description: 'Points from the dark (or opaque) pixels of a PNG or JPEG (options: file, mode, threshold).',
    optionsSchema: imageOptionsSchema,
    create: (options: ImageOptions, ctx) => imageDataset(options, { baseDir: ctx.baseDir, files: ctx.files ?? defaults.files }, dataNoise(ctx)),
  });
