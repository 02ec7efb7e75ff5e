import type { ModelSpec } from '../../ports/velocity-model.js';

/** The network a spec describes, as the messages name it: "mlp", "resmlp (width 512, 5 blocks)", "resnet (width 128, 3 blocks, expansion 4, gelu)". */
export function networkLabel(s: Pick<ModelSpec, 'architecture' | 'width' | 'nBlocks' | 'expansion' | 'activation'>): string {
  const a = s.architecture ?? 'mlp';
  if (a === 'resmlp') return `resmlp (width ${s.width}, ${s.nBlocks} blocks)`;
  if (a === 'resnet') return `resnet (width ${s.width}, ${s.nBlocks} blocks, expansion ${s.expansion}, ${s.activation})`;
  return a;
}

/** Whether two specs name the same kind of network with the same residual sizes (the MLP's widths are checked apart). */
export function sameNetworkKind(saved: ModelSpec, want: ModelSpec): boolean {
  return networkLabel(saved) === networkLabel(want);
}
