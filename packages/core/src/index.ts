/**
 * @flow-visualizer/core: the ports (interfaces + tokens), the layered config, the plugin type and registry, the
 * probability paths, the pipeline (train, visualize, run) and the metrics. Imports none of the plugin packages.
 */
export * from './errors.js';
export * from './rng.js';
export * from './points.js';
export * from './suggest.js';
export * from './ports/index.js';
export * from './plugin.js';
export * from './capabilities.js';
export * from './registry.js';
export * from './config/index.js';
export * from './paths/index.js';
export * from './metrics/index.js';
export * from './io/index.js';
export * from './pipeline/index.js';
