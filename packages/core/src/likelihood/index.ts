export * from './source-density.js';
export * from './divergence-field.js';
export * from './probes.js';
export * from './log-prob.js';
export * from './user-coordinates.js';
export * from './figures.js';
export * from './run-likelihood.js';
export * from './conditional.js';
