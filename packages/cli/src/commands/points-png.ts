import path from 'node:path';
import { FvError, drawsWith, type Bounds, type FvConfig, type PluginRegistry, type Renderer } from '@flow-visualizer/core';

/** Draws points to a PNG through the first configured renderer that can (`fv data --png`, `fv sample --png`). */
export async function drawPointsPng(
  config: FvConfig,
  registry: PluginRegistry,
  renderers: readonly Renderer[],
  preview: { points: Float32Array; title: string; bounds: Bounds },
  file: string,
): Promise<string> {
  const renderer = renderers.find((r) => drawsWith(registry.get('renderer', r.id), 'points'));
  if (!renderer) {
    throw new FvError('USAGE', `None of the configured renderers (${config.visualization.renderers.join(', ')}) can draw a preview.`, {
      hint: 'Add a renderer that can, e.g. visualization.renderers=[vega].',
    });
  }
  const v = config.visualization;
  await renderer.renderPointsPng!({ ...preview, size: v.panel_size * 1.5, pixelRatio: v.pixel_ratio }, path.resolve(file));
  return renderer.id;
}
