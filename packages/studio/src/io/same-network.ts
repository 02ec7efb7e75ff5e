import { FvError, modelSpecOf, type ModelSpec } from '@flow-visualizer/core';
import type { StudioValues } from './problems.js';

/** The model must be the network config.yaml describes, as `fv visualize` refuses otherwise (same sentences). */
export function checkSameNetwork(values: StudioValues, s: ModelSpec, shownModel: string, shownConfig: string, hint = 'Pick the config.yaml the model was trained with (the run folder\'s own), or train a new model.'): void {
  const want = modelSpecOf(values);
  const say = (a: string | undefined, w?: number, b?: number) => (a === 'resmlp' ? `resmlp (width ${w}, ${b} blocks)` : 'mlp');
  const saved = s.architecture ?? 'mlp';
  if (saved !== (want.architecture ?? 'mlp') || (saved === 'resmlp' && (s.width !== want.width || s.nBlocks !== want.nBlocks))) {
    throw new FvError('MODEL_INVALID', `The model in ${shownModel} is a ${say(saved, s.width, s.nBlocks)}, but ${shownConfig} asks for a ${say(want.architecture, want.width, want.nBlocks)}.`, { hint });
  }
  if (saved === 'mlp' && (s.timeEmbedDim !== want.timeEmbedDim || s.hiddenDims.join(',') !== want.hiddenDims.join(','))) {
    throw new FvError('MODEL_INVALID', `The model in ${shownModel} has hidden_dims [${s.hiddenDims.join(', ')}] and time_embed_dim ${s.timeEmbedDim}, but ${shownConfig} asks for [${want.hiddenDims.join(', ')}] and ${want.timeEmbedDim}.`, { hint });
  }
}
