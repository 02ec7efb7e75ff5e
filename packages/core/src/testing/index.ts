/** Contract suites for plugin authors: `import { describeDatasetContract } from '@flow-visualizer/core/testing'`. */
export * from './browser-bundle.js';
export * from './dataset-contract.js';
export * from './renderer-contract.js';
export * from './integrator-contract.js';
export * from './backend-contract.js';
export { SMALL_SPEC, RES_SPEC, RESNET_SPEC, batches as regressionBatches, mean } from './backend-batches.js';
export * from './path-contract.js';
