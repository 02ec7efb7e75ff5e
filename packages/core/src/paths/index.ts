import type { FvPlugin } from '../plugin.js';
import { linearPathPlugin } from './linear.js';
import { vpCosinePathPlugin } from './vp-cosine.js';
import { noPairingPlugin } from './no-pairing.js';
import { otPairingPlugin } from './ot-pairing.js';

export * from './linear.js';
export * from './vp-cosine.js';
export * from './no-pairing.js';
export * from './ot-pairing.js';
export { PointAssignment, pairingCost } from './assignment.js';
export { sinkhornAssignment, type SinkhornOptions } from './sinkhorn.js';

/** Core's own plugins: the probability paths (linear, vp_cosine) and the pairings (none, ot). */
export function builtinCorePlugins(): FvPlugin[] {
  return [linearPathPlugin(), vpCosinePathPlugin(), noPairingPlugin(), otPairingPlugin()];
}
