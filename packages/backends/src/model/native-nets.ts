import type { ModelSpec } from '@flow-visualizer/core';
import { NativeNet } from './native-net.js';
import { NativeResNet } from './native-resnet.js';
import { isResMlp } from './spec.js';

/** The net of the spec's architecture in the C addon (apart from nets.ts, which a browser bundle imports). */
export function createNativeNet(spec: ModelSpec): NativeNet | NativeResNet {
  return isResMlp(spec) ? new NativeResNet(spec) : new NativeNet(spec);
}
