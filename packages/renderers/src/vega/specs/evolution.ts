/** Training as it happened: the model's samples (same noise each time) at several epochs, with their sliced W1. */
import { EVOLUTION_METRIC_POINTS, evolutionFloor, pointCount, type FlowResult } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { defaultColumns, figure, panel, scatterLayer, toRows, type SpecContext, type VlSpec } from './common.js';
import { conditionNote } from '../../plot/conditions.js';
import { condRows, condScatterLayer, SHARED_COLOR } from './condition-layers.js';

export function evolutionSpec(result: FlowResult, ctx: SpecContext): VlSpec {
  const b = result.bounds;
  const snaps = result.evolution ?? [];
  const datasets: Record<string, unknown[]> = { target: toRows(result.target, ctx.maxPoints) };
  if (!snaps.length) {
    return figure('Training as it happened', 'no samples recorded during training (training.evolution_snapshots=0, or the model was trained elsewhere)', {
      width: ctx.panel, height: ctx.panel / 2,
      data: { values: [{ text: 'no training record' }] },
      mark: { type: 'text', color: theme.colors.subtleText, fontSize: theme.font.panelTitleSize },
      encoding: { text: { field: 'text' } },
    }, {});
  }
  const small = { ...ctx, panel: Math.round(ctx.panel * 0.75) };
  // Coloured by condition only when the record kept the conditions the samples were drawn with.
  const cf = result.conditions && snaps.every((s) => s.conditions) ? result.conditions : undefined;
  const panels = snaps.map((s, i) => {
    datasets[`e${i}`] = cf ? condRows(s.x, s.conditions!, cf, ctx.maxPoints) : toRows(s.x, ctx.maxPoints);
    return panel(small, `epoch ${s.epoch} · sliced W1 ${fmt(s.sliced_w1)}`, [
      scatterLayer(b, small, 'target', theme.colors.targetFaded, { opacity: theme.point.fadedOpacity }),
      cf ? condScatterLayer(b, small, `e${i}`, cf) : scatterLayer(b, small, `e${i}`, theme.colors.generated),
    ]);
  });
  return figure(
    'Training as it happened: samples from the same noise at each moment',
    [
      `${pointCount(snaps[0].x)} points shown, carried to t = 1 (20 Euler steps) after epochs ${snaps.map((s) => s.epoch).join(', ')};`,
      `sliced W1 of ${EVOLUTION_METRIC_POINTS} such points against as many training points (lower is better${floorNote(snaps)})${cf ? `; ${conditionNote(cf)}` : ''}`,
    ],
    cf ? { concat: panels, columns: defaultColumns(panels.length), resolve: SHARED_COLOR } : { concat: panels, columns: defaultColumns(panels.length) },
    datasets,
  );
}

/** The figure's own noise level, when the record kept it: two sets of training points score it against each other. */
function floorNote(snaps: NonNullable<FlowResult['evolution']>): string {
  const f = evolutionFloor(snaps);
  return f === undefined ? '' : `; a perfect model scores ${fmt(f)}, the floor`;
}

function fmt(v: number): string {
  return Number.isFinite(v) ? (v >= 0.01 ? v.toFixed(3) : v.toPrecision(2)) : 'n/a';
}
