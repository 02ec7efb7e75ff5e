/**
 * @flow-visualizer/couplings: the built-in probability paths (linear, vp_cosine, polynomial, brownian_bridge), the pairings of
 * source and target points (none, ot, entropic_ot, c2ot) and the exact-assignment solver behind them and behind core's
 * AssignmentSolver port. Importing registers nothing; the cli registers `builtinCouplingPlugins()`.
 */
import type { FvPlugin } from '@flow-visualizer/core';
import { linearPathPlugin } from './paths/linear.js';
import { vpCosinePathPlugin } from './paths/vp-cosine.js';
import { polynomialPathPlugin } from './paths/polynomial.js';
import { noPairingPlugin } from './pairings/no-pairing.js';
import { otPairingPlugin } from './pairings/ot-pairing.js';
import { entropicOtPairingPlugin } from './pairings/entropic-ot-pairing.js';
import { c2otPairingPlugin } from './pairings/c2ot-pairing.js';
import { brownianBridgePathPlugin } from './paths/brownian-bridge.js';
import { exactAssignmentPlugin } from './assignment/exact-solver.js';

export * from './paths/linear.js';
export * from './paths/vp-cosine.js';
export * from './paths/polynomial.js';
export * from './paths/affine.js';
export * from './paths/schedule.js';
export * from './pairings/no-pairing.js';
export * from './pairings/ot-pairing.js';
export * from './pairings/entropic-ot-pairing.js';
export * from './pairings/c2ot-pairing.js';
export { conditionCost, searchConditionWeight, shareBelowDiagonal } from './pairings/c2ot-cost.js';
export { ConditionWeightSearch } from './pairings/condition-weight-search.js';
export * from './paths/brownian-bridge.js';
export { sinkhornPlan, type SinkhornPlan } from './pairings/sinkhorn-plan.js';
export * from './assignment/exact-solver.js';
export { PointAssignment, pairingCost } from './assignment/assignment.js';
export { sinkhornAssignment, type SinkhornOptions } from './pairings/sinkhorn.js';

/** The paths (linear, vp_cosine, polynomial, brownian_bridge), the pairings (none, ot, entropic_ot, c2ot) and the exact assignment solver. */
export function builtinCouplingPlugins(): FvPlugin[] {
  return [linearPathPlugin(), vpCosinePathPlugin(), polynomialPathPlugin(), brownianBridgePathPlugin(), noPairingPlugin(), otPairingPlugin(), entropicOtPairingPlugin(), c2otPairingPlugin(), exactAssignmentPlugin()];
}
