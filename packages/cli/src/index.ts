/** The cli as a library: `main(argv)` runs fv in-process; `buildProgram()` gives the commander tree. */
export { main } from './main.js';
export { buildProgram } from './program.js';
export { loadPlugins } from './composition/load-plugins.js';
export { builtinPlugins } from './composition/builtins.js';
