// tsyringe (the composition root's container) needs Reflect's metadata API before it loads: first, as in every entry.
import 'reflect-metadata';
/**
 * The cli as a library: `main(argv, wiring?)` runs fv in-process (wiring.onChild registers replacements of ports
 * on each command's child container, e.g. a fake backend in a test); `buildProgram()` gives the commander tree.
 */
export { main } from './main.js';
export { Composition, composer, cliRootContainer, createCliRoot, type Compose, type WiringOptions } from './composition/root.js';
export { buildProgram } from './program.js';
export { loadPlugins } from './composition/load-plugins.js';
export { builtinPlugins } from './composition/builtins.js';
export { multirun, RUN_LIMIT, type MultirunOptions } from './multirun/sweep.js';
export { localLauncher } from './multirun/local-launcher.js';
export { slurmLauncher } from './multirun/slurm/slurm-launcher.js';
export { planSweep, type SweepPlan, type PlannedRun } from './multirun/expand.js';
export { writeSummary, type SummaryInput, type SummaryRun } from './multirun/summary.js';
