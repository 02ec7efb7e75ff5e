import type { FlatLayout } from '../flat.js';

/** [start, end) of each kernel (2-D parameter) in the flat buffer: what weight decay applies to, never biases. */
export function decayRanges(layout: FlatLayout): [number, number][] {
  return layout.infos.flatMap((p, i) => (p.shape.length >= 2 ? [[layout.offsets[i], layout.offsets[i] + p.size] as [number, number]] : []));
}
