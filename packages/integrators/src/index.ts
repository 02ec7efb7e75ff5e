/**
 * @flow-visualizer/integrators: ODE solvers for sampling a learned flow, one file each. Importing registers
 * nothing; the cli registers `builtinIntegratorPlugins()`.
 */
import type { FvPlugin } from '@flow-visualizer/core';
import { eulerPlugin } from './euler.js';
import { midpointPlugin } from './midpoint.js';
import { heunPlugin } from './heun.js';
import { rk4Plugin } from './rk4.js';
import { rk45Plugin } from './rk45.js';

export * from './euler.js';
export * from './midpoint.js';
export * from './heun.js';
export * from './rk4.js';
export * from './rk45.js';
export { explicitRk, type ButcherTableau } from './explicit-rk.js';

/** Every built-in integrator plugin: euler, midpoint, heun, rk4, rk45. */
export function builtinIntegratorPlugins(): FvPlugin[] {
  return [eulerPlugin(), midpointPlugin(), heunPlugin(), rk4Plugin(), rk45Plugin()];
}
