/**
 * Vega-Lite spec → SVG (vega's headless View, no canvas needed) → PNG (resvg, at the pixel ratio asked for).
 * vega and vega-lite are ESM-only and slow to load, so they are imported on first use: `fv list` stays fast.
 */
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { findFonts } from '../fonts.js';
import type { VlSpec } from './specs/common.js';
import { compactSvg } from './compact-svg.js';

type VegaModule = typeof import('vega');
type VegaLiteModule = typeof import('vega-lite');
let modules: Promise<[VegaModule, VegaLiteModule]> | undefined;

function loadVega(): Promise<[VegaModule, VegaLiteModule]> {
  // One after the other: Jest's ESM loader fails ("not in cache") on two concurrent imports sharing modules.
  modules ??= (async () => [await import('vega'), await import('vega-lite')] as [VegaModule, VegaLiteModule])();
  return modules;
}

/**
 * Starts loading vega in the background (a second or two on a slow machine), so that a run's training hides it.
 * A failure here shows up, with its cause, at the first render.
 */
export function preloadVega(): void {
  loadVega().catch(() => undefined);
}

/** Compiles a Vega-Lite spec and renders it to an SVG string (geometry rounded to 1/100 px: compactSvg). */
export async function specToSvg(spec: VlSpec): Promise<string> {
  const [vega, vl] = await loadVega();
  const compiled = vl.compile(spec as never).spec;
  // renderer 'none': no scenegraph renderer is needed to produce SVG markup; loader with no network access.
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: vega.loader({ mode: 'file' }) });
  try {
    return compactSvg(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Rasterizes an SVG at `pixelRatio` device pixels per CSS pixel. resvg reads no system font config by itself,
 * so we hand it the font files found on this machine and make that family the default for generic names.
 * Runs on libuv's thread pool, so the next plot's SVG can be built meanwhile on the main thread.
 */
export async function svgToPng(svg: string, pixelRatio: number): Promise<Uint8Array> {
  const image = await renderAsync(svg, resvgOptions(pixelRatio));
  return image.asPng();
}

/** resvg settings: zoom to the pixel ratio; the fonts found here, else whatever the system offers. */
export function resvgOptions(pixelRatio: number): ResvgRenderOptions {
  const fonts = findFonts();
  return {
    fitTo: { mode: 'zoom', value: pixelRatio },
    font: fonts
      ? { loadSystemFonts: false, fontFiles: fonts.files, defaultFontFamily: fonts.family, sansSerifFamily: fonts.family }
      : { loadSystemFonts: true },
  };
}
