import { FvError } from '@flow-visualizer/core';

/** A net without the analytic Jacobian (the residual MLP, a GPU's): no likelihood on it. */
export function noJacobian(backend: string): FvError {
  return new FvError('LIKELIHOOD_UNAVAILABLE', `This model (on '${backend}') has no analytic Jacobian: its likelihood cannot be computed exactly.`, {
    hint: 'Likelihood runs on the mlp architecture (model.architecture: mlp) with the native, wasm or cpu backend.',
  });
}
