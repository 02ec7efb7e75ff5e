/** One scatter of a dataset's points, for `fv data --png`: the same look and axes rules as the run's plots. */
import { classLabel, type PointsPreview } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { figure, panel, round, scatterLayer, toRows, type VlSpec } from './common.js';

export function previewSpec(preview: PointsPreview, maxPoints?: number): VlSpec {
  const ctx = { panel: preview.size, maxPoints };
  const n = preview.points.length >> 1;
  // Say when only a sample of the points is drawn, so that the title and the picture agree.
  const title = maxPoints !== undefined && n > maxPoints ? `${preview.title} (${maxPoints} drawn)` : preview.title;
  if (preview.labels && preview.classNames) return classPreviewSpec(preview, title, ctx);
  // A single unit spec: its own (panel) title is the figure's title.
  return figure(title, undefined, panel(ctx, title, [scatterLayer(preview.bounds, ctx, 'target', theme.colors.target)]), {
    target: toRows(preview.points, maxPoints),
  });
}

/** The points coloured by class (the theme's class colours), with a legend naming each class with its label. */
function classPreviewSpec(preview: PointsPreview, title: string, ctx: { panel: number; maxPoints?: number }): VlSpec {
  const names = preview.classNames!.map((c, k) => classLabel(k, c));
  const rows: Array<{ x: number; y: number; class: string }> = [];
  const limit = ctx.maxPoints ?? Infinity;
  // The points are shuffled, so the first `limit` of them are a fair sample of every class. Non-finite points
  // are skipped as toRows skips them (JSON has no NaN).
  const p = preview.points;
  for (let i = 0; i + 1 < p.length && rows.length < limit; i += 2) {
    if (Number.isFinite(p[i]) && Number.isFinite(p[i + 1])) rows.push({ x: round(p[i]), y: round(p[i + 1]), class: names[preview.labels![i >> 1]] });
  }
  const layer = scatterLayer(preview.bounds, ctx, 'target', theme.colors.target);
  delete layer.mark.color;
  layer.encoding.color = {
    field: 'class',
    type: 'nominal',
    sort: names,
    scale: { domain: names, range: names.map((_, k) => theme.classColors[k % theme.classColors.length]) },
    legend: { title: 'class', orient: 'right' },
  };
  return figure(title, undefined, panel(ctx, title, [layer]), { target: rows });
}
