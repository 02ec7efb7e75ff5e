/**
 * @flow-visualizer/core/container: the run's wiring as a tsyringe container (browser-safe). Load a Reflect
 * metadata polyfill before importing it (reflect-metadata in Node, @abraham/reflection in a page): tsyringe
 * throws at import time without one. The main entry does not import this, so plain calls need no container.
 */
export * from './tokens.js';
export * from './ports.js';
export * from './run-container.js';
export { container as rootContainer, type DependencyContainer } from 'tsyringe';
