export * from './atomic-write.js';
export * from './csv.js';
export * from './read-capped.js';
export * from './dir-lock.js';
export * from './mkdir-steps.js';
export * from './output-dir.js';
export * from './output-file.js';
export * from './system-folders.js';
