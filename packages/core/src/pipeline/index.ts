export * from './result.js';
export * from './layout.js';
export * from './plugins.js';
export * from './train.js';
export * from './sample.js';
export * from './visualize.js';
export * from './run.js';
export * from './checkpoint.js';
