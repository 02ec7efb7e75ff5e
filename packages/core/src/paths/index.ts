import type { FvPlugin } from '../plugin.js';
import { linearPathPlugin } from './linear.js';
import { vpCosinePathPlugin } from './vp-cosine.js';
import { polynomialPathPlugin } from './polynomial.js';
import { noPairingPlugin } from './no-pairing.js';
import { otPairingPlugin } from './ot-pairing.js';

export * from './linear.js';
export * from './vp-cosine.js';
export * from './polynomial.js';
export * from './affine.js';
export * from './schedule.js';
export * from './no-pairing.js';
export * from './ot-pairing.js';
export { PointAssignment, pairingCost } from './assignment.js';
export { sinkhornAssignment, type SinkhornOptions } from './sinkhorn.js';

/** Core's own plugins: the probability paths (linear, vp_cosine, polynomial) and the pairings (none, ot). */
export function builtinCorePlugins(): FvPlugin[] {
  return [linearPathPlugin(), vpCosinePathPlugin(), polynomialPathPlugin(), noPairingPlugin(), otPairingPlugin()];
}
