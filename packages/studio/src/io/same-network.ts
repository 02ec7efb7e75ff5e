import { FvError, fourierLabel, modelSpecOf, networkLabel, sameNetworkKind, type ModelSpec } from '@flow-visualizer/core';
import type { StudioValues } from './problems.js';

/** The model must be the network config.yaml describes, as `fv visualize` refuses otherwise (same sentences). */
export function checkSameNetwork(values: StudioValues, s: ModelSpec, shownModel: string, shownConfig: string, hint = 'Pick the config.yaml the model was trained with (the run folder\'s own), or train a new model.'): void {
  const want = modelSpecOf(values);
  const saved = s.architecture ?? 'mlp';
  if (!sameNetworkKind(s, want)) {
    throw new FvError('MODEL_INVALID', `The model in ${shownModel} is a ${networkLabel(s)}, but ${shownConfig} asks for a ${networkLabel(want)}.`, { hint });
  }
  if (saved === 'mlp' && (s.timeEmbedDim !== want.timeEmbedDim || s.hiddenDims.join(',') !== want.hiddenDims.join(','))) {
    throw new FvError('MODEL_INVALID', `The model in ${shownModel} has hidden_dims [${s.hiddenDims.join(', ')}] and time_embed_dim ${s.timeEmbedDim}, but ${shownConfig} asks for [${want.hiddenDims.join(', ')}] and ${want.timeEmbedDim}.`, { hint });
  }
  if (fourierLabel(s) !== fourierLabel(want)) {
    throw new FvError('MODEL_INVALID', `The model in ${shownModel} has model.${fourierLabel(s)}, but ${shownConfig} asks for model.${fourierLabel(want)}.`, { hint });
  }
}
