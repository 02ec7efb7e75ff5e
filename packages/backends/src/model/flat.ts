import type { ModelSpec } from '@flow-visualizer/core';
import { paramInfos, type ParamInfo } from './spec.js';

/** Where each parameter lives in one flat Float32Array (paramInfos order), for a flat Adam and cheap transfers. */
export interface FlatLayout {
  infos: ParamInfo[];
  offsets: number[];
  total: number;
}

export function flatLayout(spec: ModelSpec): FlatLayout {
  const infos = paramInfos(spec);
  const offsets: number[] = [];
  let total = 0;
  for (const p of infos) {
    offsets.push(total);
    total += p.size;
  }
  return { infos, offsets, total };
}

/** Views (no copies) of each parameter inside the flat buffer. */
export function views(layout: FlatLayout, flat: Float32Array): Float32Array[] {
  return layout.infos.map((p, i) => flat.subarray(layout.offsets[i], layout.offsets[i] + p.size));
}

export function flatten(layout: FlatLayout, arrays: Float32Array[]): Float32Array {
  const out = new Float32Array(layout.total);
  arrays.forEach((a, i) => out.set(a, layout.offsets[i]));
  return out;
}

/** Copies of each parameter, for saving. */
export function unflatten(layout: FlatLayout, flat: Float32Array): Float32Array[] {
  return views(layout, flat).map((v) => Float32Array.from(v));
}

/** out[c·rows + r] = a[r·cols + c]: a row-major rows×cols matrix transposed, blocked for the cache. */
export function transposeInto(a: Float32Array, rows: number, cols: number, out: Float32Array): Float32Array {
  const B = 32;
  for (let r0 = 0; r0 < rows; r0 += B) {
    const r1 = Math.min(rows, r0 + B);
    for (let c0 = 0; c0 < cols; c0 += B) {
      const c1 = Math.min(cols, c0 + B);
      for (let r = r0; r < r1; r++) {
        const row = r * cols;
        for (let c = c0; c < c1; c++) out[c * rows + r] = a[row + c];
      }
    }
  }
  return out;
}
