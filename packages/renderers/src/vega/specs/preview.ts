/** One scatter of a dataset's points, for `fv data --png`: the same look and axes rules as the run's plots. */
import type { PointsPreview } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { figure, panel, scatterLayer, toRows, type VlSpec } from './common.js';

export function previewSpec(preview: PointsPreview, maxPoints?: number): VlSpec {
  const ctx = { panel: preview.size, maxPoints };
  const n = preview.points.length >> 1;
  // Say when only a sample of the points is drawn, so that the title and the picture agree.
  const title = maxPoints !== undefined && n > maxPoints ? `${preview.title} (${maxPoints} drawn)` : preview.title;
  // A single unit spec: its own (panel) title is the figure's title.
  return figure(title, undefined, panel(ctx, title, [scatterLayer(preview.bounds, ctx, 'target', theme.colors.target)]), {
    target: toRows(preview.points, maxPoints),
  });
}
