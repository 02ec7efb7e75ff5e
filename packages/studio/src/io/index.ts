/**
 * The studio's round trip with the CLI, as pure functions (no page UI): settings ↔ config.yaml, settings ↔ URL,
 * a CLI run folder → settings + model. The model files themselves are @flow-visualizer/backends/browser's codec
 * (encodeModel / decodeModelFiles), the format `fv visualize` loads.
 */
export * from './problems.js';
export * from './config-file.js';
export * from './url-state.js';
export * from './run-import.js';
export * from './run-export.js';
export * from './zip.js';
export * from './unzip.js';
export * from './shell-line.js';
