import type { SinkhornKernel } from '@flow-visualizer/core';
import { sinkhornScalingReference } from '../pairings/sinkhorn-scaling-reference.js';

/** A SinkhornKernel module as a pairing worker imports one (sinkhorn-scaling.test.ts): the first loop. */
export function referenceKernel(): SinkhornKernel {
  return { id: 'reference', scale: sinkhornScalingReference };
}
