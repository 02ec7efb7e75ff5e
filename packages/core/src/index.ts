/**
 * @flow-visualizer/core: the ports (interfaces + tokens), the config schema and its validation, the plugin type and
 * registry, the pipeline (train, sample, compare solvers) and the metrics. Imports none of
 * the plugin packages, and nothing of Node (a test bundles it for the browser): config files, file writes,
 * checkpoints, visualize/run and worker threads are in `@flow-visualizer/core/node`.
 */
export * from './errors.js';
export * from './rng.js';
export * from './points.js';
export * from './suggest.js';
export * from './ports/index.js';
export * from './plugin.js';
export * from './capabilities.js';
export * from './registry.js';
export * from './container/tokens.js';
export * from './config/index.js';
export * from './metrics/index.js';
export * from './pipeline/index.js';
export * from './likelihood/index.js';
