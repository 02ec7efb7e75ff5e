/** Contract suites for plugin authors: `import { describeDatasetContract } from '@flow-visualizer/core/testing'`; the browser-bundle check. */
export * from './dataset-contract.js';
export * from './renderer-contract.js';
export * from './integrator-contract.js';
export * from './browser-bundle.js';
