import type { ModelSpec } from '@flow-visualizer/core';
import type { TfBackendName } from '../backends/tfjs-runtime.js';
import type { MlpNet } from './net.js';
import { isResMlp } from './spec.js';
import { TfjsNet } from './tfjs-net.js';
import { TfjsResNet } from './tfjs-resnet.js';

/** The net of the spec's architecture on a tfjs backend. */
export async function createTfjsNet(spec: ModelSpec, tfBackend: TfBackendName): Promise<MlpNet & { tfBackend: TfBackendName }> {
  return isResMlp(spec) ? TfjsResNet.create(spec, tfBackend) : TfjsNet.create(spec, tfBackend);
}
