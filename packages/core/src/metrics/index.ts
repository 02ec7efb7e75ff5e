export * from './sliced-wasserstein.js';
export * from './energy-distance.js';
export * from './mmd.js';
export * from './quality.js';
export * from './stable-quality.js';
export * from './exact-w2.js';
export * from './per-class.js';
