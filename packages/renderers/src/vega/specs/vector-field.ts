/** One panel per field time: the learned velocity as arrows on the grid, coloured by speed, over the faded target. */
import type { FlowResult } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { formatSpeed, speedScale } from '../../plot/field-stats.js';
import { ARROW_FILL, ARROW_HEAD_PATH, fieldArrows, gridSpacing } from './arrows.js';
import { defaultColumns, figure, formatT, panel, round, scatterLayer, toRows, xyEncoding, type SpecContext, type VlSpec } from './common.js';

/** The speed colour encoding: 0 … vref, and "≥ vref" at the top when faster arrows were capped there. */
export function speedColor(vref: number, clipped: boolean, gradientLength: number): VlSpec {
  const top = round(vref) || 1;
  const label = formatSpeed(top);
  return {
    field: 'speed',
    type: 'quantitative',
    title: 'speed |v|',
    scale: { scheme: theme.sequentialScheme, domain: [0, top], clamp: true },
    legend: {
      type: 'gradient',
      orient: 'right',
      gradientLength,
      values: [0, round(top / 2), top],
      labelExpr: `datum.value >= ${top} ? '${clipped ? '≥ ' : ''}${label}' : format(datum.value, '.2~f')`,
    },
  };
}

export function vectorFieldSpec(result: FlowResult, ctx: SpecContext & { columns?: number }): VlSpec {
  const b = result.bounds;
  const fields = result.fields;
  const { vref, clipped } = speedScale(fields, result.target, b);
  const cell = fields.length ? gridSpacing(fields[0], b) : 0;
  const scale = vref > 0 ? (ARROW_FILL * cell) / vref : 0;
  const pxPerUnit = ctx.panel / (b.xmax - b.xmin);
  const datasets: Record<string, unknown[]> = { target: toRows(result.target, ctx.maxPoints) };
  const color = speedColor(vref, clipped, Math.min(ctx.panel, 200));
  const panels = fields.map((f, i) => {
    const name = `field${i}`;
    datasets[name] = fieldArrows(f, scale, pxPerUnit, vref);
    const enc = xyEncoding(b);
    return panel(ctx, `t = ${formatT(f.t)}`, [
      scatterLayer(b, ctx, 'target', theme.colors.targetFaded, { opacity: theme.point.fadedOpacity }),
      {
        data: { name },
        mark: { type: 'rule', strokeWidth: 1.4 * Math.sqrt(ctx.panel / 320), clip: true },
        encoding: { ...enc, x2: { field: 'x2' }, y2: { field: 'y2' }, color },
      },
      {
        data: { name },
        mark: { type: 'point', shape: ARROW_HEAD_PATH, filled: true, opacity: 1, strokeWidth: 0, clip: true },
        encoding: {
          ...xyEncoding(b, { x: 'x2', y: 'y2' }),
          angle: { field: 'angle', type: 'quantitative', scale: null },
          size: { field: 'head', type: 'quantitative', scale: null },
          // `fill`, not `color`: its own scale (same scheme and domain, so the same colours) whose legend can be
          // off; on `color` a point layer turns the shared gradient legend into a symbol legend.
          // Its own field name too: Vega-Lite merges the legends of channels that encode the same field.
          fill: { ...color, field: 'head_speed', legend: null },
        },
      },
    ]);
  });
  const size = Math.round(Math.sqrt((fields[0]?.grid.length ?? 0) / 2));
  return figure(
    'Learned velocity field v(x, t)',
    `arrows on a ${size}² grid; an arrow at speed ${formatSpeed(vref)} (95% of the speeds around the data are slower) fills ${ARROW_FILL} of a cell${clipped ? ', faster ones are drawn at that length' : ''}; target in light blue`,
    { concat: panels, columns: ctx.columns ?? defaultColumns(panels.length), resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } } },
    datasets,
  );
}
