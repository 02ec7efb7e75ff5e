import { z } from 'zod';
import { definePlugin } from '@flow-visualizer/core';

/** Independent coupling: noise and data are paired as drawn (the original tool's behaviour). */
export const noPairingPlugin = () =>
  definePlugin({
    name: 'fv:pairing-none',
    kind: 'pairing',
    id: 'none',
    description: 'Independent pairing of noise and data (no reordering).',
    optionsSchema: z.strictObject({}),
    create: () => ({ id: 'none', pair: (x0: Float32Array) => x0 }),
  });
