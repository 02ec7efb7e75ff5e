/** One canvas plot by name, as PNG bytes. */
import type { FlowResult } from '@flow-visualizer/core';
import type { Figure } from './figure.js';
import type { CanvasPlot } from './options.js';
import type { PlotContext } from './plots/common.js';
import { comparisonFigure } from './plots/comparison.js';
import { densityFigure } from './plots/density.js';
import { lossFigure } from './plots/loss.js';
import { trajectoryFigure } from './plots/trajectory.js';
import { vectorFieldFigure } from './plots/vector-field.js';

const FIGURES: Record<CanvasPlot, (r: FlowResult, pc: PlotContext) => Figure> = {
  comparison: comparisonFigure,
  trajectory: trajectoryFigure,
  vector_field: vectorFieldFigure,
  loss: lossFigure,
  density: densityFigure,
};

export function plotFigure(plot: CanvasPlot, result: FlowResult, pc: PlotContext): Figure {
  return FIGURES[plot](result, pc);
}

export async function renderPlotPng(plot: CanvasPlot, result: FlowResult, pc: PlotContext): Promise<Uint8Array> {
  return plotFigure(plot, result, pc).canvas.encode('png');
}

/** The file name of a plot: `<plot>.canvas.png`, so it sits beside the vega renderer's `<plot>.png`, not over it. */
export function canvasPlotFile(plot: CanvasPlot): string {
  return `${plot}.canvas.png`;
}
