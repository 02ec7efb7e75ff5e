import type { FvPlugin } from '@flow-visualizer/core';
import { builtinCouplingPlugins } from '@flow-visualizer/couplings';
import { builtinDatasetPlugins } from '@flow-visualizer/datasets/node';
import { builtinBackendPlugins } from '@flow-visualizer/backends';
import { builtinIntegratorPlugins } from '@flow-visualizer/integrators';
import { builtinRendererPlugins } from '@flow-visualizer/renderers';
import { localLauncherPlugin } from '../multirun/local-launcher.js';
import { slurmLauncherPlugin } from '../multirun/slurm/slurm-launcher.js';

/** The plugins that ship with fv, tagged with the package they come from (for `fv list`). */
export function builtinPlugins(): FvPlugin[] {
  const tag = (source: string, plugins: FvPlugin[]) => plugins.map((p) => ({ ...p, source: p.source ?? source }));
  return [
    ...tag('@flow-visualizer/couplings', builtinCouplingPlugins()),
    ...tag('@flow-visualizer/datasets', builtinDatasetPlugins()),
    ...tag('@flow-visualizer/backends', builtinBackendPlugins()),
    ...tag('@flow-visualizer/integrators', builtinIntegratorPlugins()),
    ...tag('@flow-visualizer/renderers', builtinRendererPlugins()),
    ...tag('@flow-visualizer/cli', [localLauncherPlugin(), slurmLauncherPlugin()]),
  ];
}
