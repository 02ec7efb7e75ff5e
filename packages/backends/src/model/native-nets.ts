import type { ModelSpec } from '@flow-visualizer/core';
import { NativeNet } from './native-net.js';
import { NativeProjResNet } from './native-proj-resnet.js';
import { NativeResNet } from './native-resnet.js';
import { isResMlp, isResNet } from './spec.js';

/** Any of the nets in the C addon. */
export type AnyNativeNet = NativeNet | NativeResNet | NativeProjResNet;

/** The net of the spec's architecture in the C addon (apart from nets.ts, which a browser bundle imports). */
export function createNativeNet(spec: ModelSpec): AnyNativeNet {
  if (isResMlp(spec)) return new NativeResNet(spec);
  if (isResNet(spec)) return new NativeProjResNet(spec);
  return new NativeNet(spec);
}
