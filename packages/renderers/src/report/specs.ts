/**
 * The Vega-Lite specs of report.html, built here (typed, testable) and embedded as JSON. Data sets are named
 * and empty: the page fills `points`, `arrows` and `target` for the time on the slider with view.data(…).
 */
import { theme, fontFamily } from '../plot/theme.js';
import type { ReportData } from './data.js';
import { speedColor } from '../vega/specs/vector-field.js';
import { lossDomain } from '../loss-stats.js';
import type { ConditionFigures } from '@flow-visualizer/core';
import { condColor } from '../vega/specs/condition-layers.js';

export type VlSpec = Record<string, any>;

/** Head of an arrow: tip at the symbol origin, pointing up, 2 units long (Vega scales a path by √size / 2). */
export const ARROW_HEAD_PATH = 'M0,0L-0.7,2L0.7,2Z';

function config(): VlSpec {
  const f = theme.font;
  return {
    background: theme.colors.background,
    font: fontFamily(),
    axis: { labelFontSize: f.labelSize, titleFontSize: f.axisTitleSize, titleFontWeight: 'normal', titleColor: theme.colors.subtleText, labelColor: theme.colors.subtleText, gridColor: theme.colors.grid, domainColor: theme.colors.domain, tickColor: theme.colors.domain },
    legend: { labelFontSize: f.labelSize, titleFontSize: f.labelSize, titleFontWeight: 'normal' },
    view: { stroke: theme.colors.domain, strokeWidth: 0.5 },
  };
}

/** The flow at one t: faded target, field arrows coloured by speed, generated points; axes pinned to the bounds. */
export function flowSpec(data: ReportData, size: number, conditions?: ConditionFigures): VlSpec {
  const [xmin, xmax, ymin, ymax] = data.bounds;
  const x = { field: 'x', type: 'quantitative', title: 'x', scale: { domain: [xmin, xmax], nice: false, zero: false } };
  const y = { field: 'y', type: 'quantitative', title: 'y', scale: { domain: [ymin, ymax], nice: false, zero: false } };
  const r = theme.point.radius * Math.sqrt(size / 320) * 1.1;
  const pointSize = Math.PI * r * r;
  const color = speedColor(data.vref, data.vclipped, Math.min(size, 200));
  // The heads take the same mapping on the fill channel, without a legend: sharing `color` with a point mark
  // would turn the gradient into a list of symbols (and Vega-Lite warns about conflicting legend settings).
  // Its own field name too: Vega-Lite merges the legends of colour channels that show the same field.
  const headFill = { ...color, field: 'headSpeed', legend: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: size,
    height: size,
    padding: 8,
    layer: [
      { data: { name: 'target' }, mark: { type: 'circle', size: pointSize, opacity: theme.point.fadedOpacity, color: theme.colors.targetFaded, clip: true }, encoding: { x, y } },
      { data: { name: 'arrows' }, mark: { type: 'rule', strokeWidth: 1.3, clip: true }, encoding: { x, y, x2: { field: 'x2' }, y2: { field: 'y2' }, color } },
      {
        data: { name: 'arrows' },
        mark: { type: 'point', shape: ARROW_HEAD_PATH, filled: true, opacity: 1, strokeWidth: 0, clip: true },
        encoding: { x: { ...x, field: 'x2' }, y: { ...y, field: 'y2' }, angle: { field: 'angle', type: 'quantitative', scale: null }, size: { field: 'head', type: 'quantitative', scale: null }, fill: headFill },
      },
      conditions
        // On `fill`, its own scale (resolve below): the arrows' `color` and the heads' `fill` show speed.
        ? { data: { name: 'points' }, mark: { type: 'circle', size: pointSize, opacity: 0.8, clip: true }, encoding: { x, y, fill: pointsFill(conditions, size) } }
        : { data: { name: 'points' }, mark: { type: 'circle', size: pointSize, opacity: 0.75, color: theme.colors.generated, clip: true }, encoding: { x, y } },
    ],
    ...(conditions ? { resolve: { scale: { fill: 'independent' }, legend: { fill: 'independent' } } } : {}),
    config: config(),
  };
}

/** Loss per epoch on a linear axis: raw faint, moving median bold, the fresh-pair loss dashed; a tooltip per epoch. */
export function lossSpec(data: Pick<ReportData, 'loss' | 'lossSmooth' | 'lossFresh' | 'lossFreshOn'>, width: number): VlSpec {
  const rows = data.loss
    .map((l, i) => ({ epoch: i + 1, loss: l, smooth: (data.lossSmooth[i] ?? null) as number | null, shown: l }))
    .filter((r): r is { epoch: number; loss: number; smooth: number | null; shown: number } => typeof r.loss === 'number');
  // The PNG's axis: a single diverging epoch does not flatten the rest (it runs off the top; its tooltip tells).
  const dom = lossDomain(rows.map((r) => r.loss), rows.map((r) => r.smooth ?? NaN), data.lossFresh !== null ? [data.lossFresh] : []);
  // Epochs above the axis are drawn at its top edge; their tooltip gives the real figure.
  for (const r of rows) r.shown = Math.min(r.loss, dom.hi);
  if (!rows.length) {
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width, height: Math.round(width * 0.5), padding: 8,
      data: { values: [{ text: 'no training in this run (model loaded)' }] },
      mark: { type: 'text', color: theme.colors.subtleText, fontSize: theme.font.panelTitleSize },
      encoding: { text: { field: 'text' } },
      config: config(),
    };
  }
  const x = { field: 'epoch', type: 'quantitative', title: 'epoch', scale: { domain: [1, Math.max(2, rows.length)], nice: false } };
  const y = { type: 'quantitative', title: 'loss', scale: { domain: [dom.lo, dom.hi], nice: false, zero: false } };
  const tooltip = [{ field: 'epoch', type: 'quantitative' }, { field: 'loss', type: 'quantitative', format: '.4f', title: 'loss' }, { field: 'smooth', type: 'quantitative', format: '.4f', title: 'moving median' }];
  const layer: VlSpec[] = [
    { mark: { type: 'line', color: theme.colors.loss, strokeWidth: 1, opacity: 0.35, clip: true }, encoding: { x, y: { ...y, field: 'shown' } } },
    { mark: { type: 'line', color: theme.colors.loss, strokeWidth: 2.2, clip: true }, encoding: { x, y: { ...y, field: 'smooth' } } },
    // Invisible points that carry the tooltip: hovering anywhere near an epoch shows its figures.
    { mark: { type: 'point', opacity: 0, size: 60 }, encoding: { x, y: { ...y, field: 'shown' }, tooltip } },
  ];
  if (data.lossFresh !== null) {
    layer.push({ data: { values: [{ y: data.lossFresh, label: `trained model on ${data.lossFreshOn}` }] }, mark: { type: 'rule', color: theme.colors.generated, strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y: { field: 'y', type: 'quantitative' }, tooltip: [{ field: 'label', title: 'line' }, { field: 'y', title: 'loss', format: '.4f' }] } });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height: Math.round(width * 0.5),
    padding: 8,
    data: { values: rows },
    layer,
    config: config(),
  };
}

/** One panel of points over the faded target (the training slider fills `points` and `target`). */
export function scatterSpec(data: ReportData, size: number, conditions?: ConditionFigures): VlSpec {
  const [xmin, xmax, ymin, ymax] = data.bounds;
  const x = { field: 'x', type: 'quantitative', title: 'x', scale: { domain: [xmin, xmax], nice: false, zero: false } };
  const y = { field: 'y', type: 'quantitative', title: 'y', scale: { domain: [ymin, ymax], nice: false, zero: false } };
  const r = theme.point.radius * Math.sqrt(size / 320) * 1.2;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: size,
    height: size,
    padding: 8,
    layer: [
      { data: { name: 'target' }, mark: { type: 'circle', size: Math.PI * r * r, opacity: theme.point.fadedOpacity, color: theme.colors.targetFaded, clip: true }, encoding: { x, y } },
      conditions && data.evolution?.conditions
        ? { data: { name: 'points' }, mark: { type: 'circle', size: Math.PI * r * r, opacity: 0.8, clip: true }, encoding: { x, y, fill: pointsFill(conditions, size) } }
        : { data: { name: 'points' }, mark: { type: 'circle', size: Math.PI * r * r, opacity: 0.75, color: theme.colors.generated, clip: true }, encoding: { x, y } },
    ],
    config: config(),
  };
}

/** The points' colour by condition; class names above the plot in rows (one long row would widen the view past its column). */
function pointsFill(conditions: ConditionFigures, size: number): VlSpec {
  const enc = condColor(conditions, { gradientLength: Math.min(size, 200) });
  if (conditions.kind === 'class' && enc.legend) enc.legend = { ...enc.legend, orient: 'top', direction: 'horizontal', columns: Math.max(1, Math.floor(size / 95)) };
  return enc;
}
