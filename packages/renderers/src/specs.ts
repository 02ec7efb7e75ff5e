/**
 * @flow-visualizer/renderers/specs: the Vega-Lite spec builders and the theme, pure functions of a FlowResult with
 * no Node import (a test bundles this entry for the browser), so that a page can draw the same plots with
 * vega-embed. Rendering to SVG/PNG files, the canvas renderer and the report are in the main entry (Node).
 */
export { theme, fontFamily, type Theme } from './plot/theme.js';
export { VegaOptionsSchema, VEGA_PLOTS, VEGA_FORMATS, type VegaOptions, type VegaPlot, type VegaFormat } from './vega/options.js';
export { buildSpec } from './vega/build-specs.js';
export { comparisonSpec } from './vega/specs/comparison.js';
export { trajectorySpec } from './vega/specs/trajectory.js';
export { vectorFieldSpec } from './vega/specs/vector-field.js';
export { lossSpec } from './vega/specs/loss.js';
export { densitySpec, densityCells, type Cell } from './vega/specs/density.js';
export { pathsSpec } from './vega/specs/paths.js';
export { evolutionSpec } from './vega/specs/evolution.js';
export { lossByTimeSpec } from './vega/specs/loss-by-time.js';
export { previewSpec } from './vega/specs/preview.js';
export { solversSpec } from './vega/specs/solvers.js';
export type { VlSpec, SpecContext } from './vega/specs/common.js';
