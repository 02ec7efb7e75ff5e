/** Contract suites for plugin authors: `import { describeDatasetContract } from '@flow-visualizer/core/testing'`. */
export * from './browser-bundle.js';
export * from './dataset-contract.js';
export * from './renderer-contract.js';
export * from './integrator-contract.js';
