export * from './dataset.js';
export * from './velocity-model.js';
export * from './backend.js';
export * from './integrator.js';
export * from './probability-path.js';
export * from './renderer.js';
export * from './launcher.js';
export * from './user-files.js';
