export * from './result.js';
export * from './plugins.js';
export * from './train.js';
export * from './sample.js';
export * from './compare-solvers.js';
export * from './straightness.js';
export * from './pairing-pool.js';
export * from './held-out.js';
