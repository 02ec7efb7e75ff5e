export * from './atomic-write.js';
export * from './csv.js';
export * from './read-capped.js';
