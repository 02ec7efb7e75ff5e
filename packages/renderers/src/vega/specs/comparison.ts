/** Target | generated | overlay, on the same square axes (`result.bounds`), so that shapes compare by eye. */
import type { FlowResult } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { countLabel, figure, panel, scatterLayer, toRows, type SpecContext, type VlSpec } from './common.js';

export function comparisonSpec(result: FlowResult, ctx: SpecContext): VlSpec {
  const b = result.bounds;
  const w1 = result.metrics?.sliced_w1;
  const floor = result.metrics?.sliced_w1_floor;
  const subtitle = Number.isFinite(w1)
    ? `sliced Wasserstein-1 = ${fmt(w1)}${Number.isFinite(floor) ? ` (two target draws: ${fmt(floor)})` : ''}`
    : undefined;
  return figure(
    'Target vs generated samples (t = 1)',
    subtitle,
    {
      hconcat: [
        panel(ctx, `Target (${countLabel(result.target, ctx)})`, [scatterLayer(b, ctx, 'target', theme.colors.target)]),
        panel(ctx, `Generated (${countLabel(result.generated, ctx)})`, [scatterLayer(b, ctx, 'generated', theme.colors.generated)]),
        panel(ctx, 'Overlay', [
          scatterLayer(b, ctx, 'target', theme.colors.target, { legend: 'target' }),
          scatterLayer(b, ctx, 'generated', theme.colors.generated, { legend: 'generated' }),
        ]),
      ],
    },
    { target: toRows(result.target, ctx.maxPoints), generated: toRows(result.generated, ctx.maxPoints) },
  );
}

function fmt(v: number): string {
  return v >= 0.01 ? v.toFixed(3) : v.toPrecision(2);
}
