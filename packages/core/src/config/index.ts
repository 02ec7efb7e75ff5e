export * from './schema.js';
export * from './resolve.js';
export * from './overrides.js';
export * from './validate.js';
export * from './merge.js';
export * from './load-file.js';
export * from './schema-walk.js';
export * from './to-yaml.js';
