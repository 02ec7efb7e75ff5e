/**
 * @flow-visualizer/renderers: the built-in renderers (Node: they write files; the Vega-Lite spec builders alone,
 * browser-safe, are `@flow-visualizer/renderers/specs`). Importing this registers nothing; the cli hands
 * `builtinRendererPlugins()` to its registry.
 */
import type { FvPlugin } from '@flow-visualizer/core';
import { vegaRenderer } from './vega/plugin.js';
import { canvasRenderer } from './canvas/plugin.js';
import { reportRenderer } from './report/plugin.js';
import { animateRenderer } from './animate/plugin.js';

export { theme, fontFamily, type Theme } from './plot/theme.js';
export { findFonts, FONT_HINT, type FontSet } from './fonts.js';
export { writeOutputs, type OutputFile } from './write-outputs.js';
export { vegaRenderer, createVegaRenderer, type VegaRenderer, type PlotTiming } from './vega/plugin.js';
export { VegaOptionsSchema, VEGA_PLOTS, VEGA_FORMATS, type VegaOptions, type VegaPlot } from './vega/options.js';
export { buildSpec } from './vega/build-specs.js';
export { pointsPng, renderPointsPng, type PointsPngOptions } from './vega/points-png.js';
export * from './canvas/index.js';
export * from './report/index.js';
export * from './sweep/index.js';
export * from './animate/index.js';

/** Every renderer plugin of this package. */
export function builtinRendererPlugins(): FvPlugin[] {
  return [vegaRenderer(), canvasRenderer(), reportRenderer(), animateRenderer()];
}
