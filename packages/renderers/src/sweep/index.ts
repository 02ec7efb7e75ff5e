export type { GridPanel, SweepGrid, SweepMetricsChart } from './types.js';
export { gridSpec, GRID_POINTS } from './grid-spec.js';
export { metricsSpec } from './metrics-spec.js';
export { renderSweepGrid, renderSweepMetrics, type DrawnPicture } from './render.js';
export { summaryHtml, type SummaryPage } from './summary-html.js';
export { renderCompareGif, type CompareGifPanel, type CompareGifOptions } from './compare-gif.js';
