export * from './schema.js';
export * from './overrides.js';
export * from './validate.js';
export * from './merge.js';
export * from './schema-walk.js';
export * from './to-yaml.js';
export * from './json-schema.js';
export * from './docs.js';
