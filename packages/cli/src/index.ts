/**
 * The cli as a library: `main(argv, providers?)` runs fv in-process (providers replace a port's plugin, e.g. a
 * fake backend in a test); `buildProgram()` gives the commander tree.
 */
export { main } from './main.js';
export { Composition, composer, type Compose, type Providers } from './composition/root.js';
export { buildProgram } from './program.js';
export { loadPlugins } from './composition/load-plugins.js';
export { builtinPlugins } from './composition/builtins.js';
export { multirun, RUN_LIMIT, type MultirunOptions } from './multirun/sweep.js';
export { localLauncher } from './multirun/local-launcher.js';
export { slurmLauncher } from './multirun/slurm/slurm-launcher.js';
export { planSweep, type SweepPlan, type PlannedRun } from './multirun/expand.js';
export { writeSummary, type SummaryInput, type SummaryRun } from './multirun/summary.js';
