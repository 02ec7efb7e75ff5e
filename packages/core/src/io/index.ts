export * from './atomic-write.js';
export * from './csv.js';
