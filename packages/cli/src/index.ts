/** The cli as a library: `main(argv)` runs fv in-process; `buildProgram()` gives the commander tree. */
export { main } from './main.js';
export { buildProgram } from './program.js';
export { loadPlugins } from './composition/load-plugins.js';
export { builtinPlugins } from './composition/builtins.js';
export { multirun, RUN_LIMIT, type MultirunOptions } from './multirun/sweep.js';
export { localLauncher } from './multirun/local-launcher.js';
export { planSweep, type SweepPlan, type PlannedRun } from './multirun/expand.js';
export { writeSummary, type SummaryInput, type SummaryRun } from './multirun/summary.js';
