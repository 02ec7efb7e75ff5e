/** The canvas renderer: PNG plots drawn with @napi-rs/canvas and the animated flow.gif. */
export { canvasRenderer, createCanvasRenderer, FLOW_GIF, type CanvasRenderer } from './plugin.js';
export { CanvasOptionsSchema, CANVAS_PLOTS, type CanvasOptions, type CanvasPlot } from './options.js';
export { canvasPlotFile } from './render-plot.js';
export { gifFrameCount } from './gif/flow-gif.js';
export { figureLayout, defaultColumns, type FigureLayout } from './layout.js';
