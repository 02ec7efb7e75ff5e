export * from './sliced-wasserstein.js';
