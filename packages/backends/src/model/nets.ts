import type { ModelSpec } from '@flow-visualizer/core';
import type { TfBackendName } from '../backends/tfjs-runtime.js';
import type { MlpNet } from './net.js';
import { isResMlp, isResNet } from './spec.js';
import { TfjsNet } from './tfjs-net.js';
import { TfjsProjResNet } from './tfjs-proj-resnet.js';
import { TfjsResNet } from './tfjs-resnet.js';

/** The net of the spec's architecture on a tfjs backend. */
export async function createTfjsNet(spec: ModelSpec, tfBackend: TfBackendName): Promise<MlpNet & { tfBackend: TfBackendName }> {
  if (isResMlp(spec)) return TfjsResNet.create(spec, tfBackend);
  if (isResNet(spec)) return TfjsProjResNet.create(spec, tfBackend);
  return TfjsNet.create(spec, tfBackend);
}
