import type { FvConfig } from '../../config/schema.js';
import { configToYaml } from '../../config/to-yaml.js';
import type { RenderContext } from '../../ports/renderer.js';

/** The renderers' view of a config: the shared settings they draw with, named (see RenderContext). */
export function renderContextOf(config: FvConfig): RenderContext {
  const v = config.visualization;
  return {
    dataset: config.data.name,
    seed: config.training.seed,
    panelSize: v.panel_size,
    pixelRatio: v.pixel_ratio,
    gridSize: v.grid_size,
    configYaml: configToYaml(config),
  };
}
