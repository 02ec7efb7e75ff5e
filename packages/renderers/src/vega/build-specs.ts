/** Which spec builder draws which plot, with the settings each reads from the render context and the options. */
import type { FlowResult } from '@flow-visualizer/core';
import type { VegaOptions, VegaPlot } from './options.js';
import type { VlSpec } from './specs/common.js';
import { comparisonSpec } from './specs/comparison.js';
import { trajectorySpec } from './specs/trajectory.js';
import { vectorFieldSpec } from './specs/vector-field.js';
import { lossSpec } from './specs/loss.js';
import { densitySpec } from './specs/density.js';
import { pathsSpec } from './specs/paths.js';
import { evolutionSpec } from './specs/evolution.js';
import { lossByTimeSpec } from './specs/loss-by-time.js';
import { densityModelSpec, estimatorSpreadSpec, likelihoodSpec } from './specs/likelihood.js';
import { guidanceSpec } from './specs/guidance.js';

/** The plots drawn only when the run has them: a likelihood (result.likelihood), a guidance figure (result.guidance). */
export type LikelihoodPlot = 'likelihood' | 'density_model' | 'estimator_spread' | 'guidance';

/** The Vega-Lite spec of one plot of a result; undefined for a likelihood plot of a run without a likelihood. */
export function buildSpec(plot: Exclude<VegaPlot, LikelihoodPlot>, result: FlowResult, options?: Partial<VegaOptions>): VlSpec;
export function buildSpec(plot: VegaPlot, result: FlowResult, options?: Partial<VegaOptions>): VlSpec | undefined;
export function buildSpec(plot: VegaPlot, result: FlowResult, options: Partial<VegaOptions> = {}): VlSpec | undefined {
  const panel = result.context.panelSize;
  const maxPoints = options.max_points;
  switch (plot) {
    case 'comparison':
      return comparisonSpec(result, { panel, maxPoints });
    case 'trajectory':
      return trajectorySpec(result, { panel, maxPoints, columns: options.columns });
    case 'vector_field':
      return vectorFieldSpec(result, { panel, maxPoints, columns: options.columns });
    case 'loss':
      return lossSpec(result, { panel, log: options.log_loss ?? false });
    case 'density':
      return densitySpec(result, { panel, bins: options.density_bins ?? 64 });
    case 'paths':
      return pathsSpec(result, { panel, maxPoints, count: options.paths });
    case 'evolution':
      return evolutionSpec(result, { panel, maxPoints });
    case 'loss_by_time':
      return lossByTimeSpec(result, { panel });
    case 'likelihood':
      return likelihoodSpec(result, { panel });
    case 'density_model':
      return densityModelSpec(result, { panel });
    case 'estimator_spread':
      return estimatorSpreadSpec(result, { panel });
    case 'guidance':
      return guidanceSpec(result, { panel, maxPoints });
  }
}
