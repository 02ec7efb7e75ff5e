/** One scatter of a dataset's points, for `fv data --png`: the same look and axes rules as the run's plots. */
import type { PointsPreview } from '@flow-visualizer/core';
import { theme } from '../../theme.js';
import { figure, panel, scatterLayer, toRows, type VlSpec } from './common.js';

export function previewSpec(preview: PointsPreview, maxPoints?: number): VlSpec {
  const ctx = { panel: preview.size, maxPoints };
  // A single unit spec: its own (panel) title is the figure's title.
  return figure(preview.title, undefined, panel(ctx, preview.title, [scatterLayer(preview.bounds, ctx, 'target', theme.colors.target)]), {
    target: toRows(preview.points, maxPoints),
  });
}
