/**
 * The pretrained demo models (public/pretrained/<dataset>.json, made by scripts/make-pretrained.mjs): which
 * settings they fit, and their decoding into a model spec and state for the worker. A demo shows only while the
 * run's own model is untrained, for a built-in dataset at its default options with the Gaussian source.
 */
import type { ModelSpec } from '@flow-visualizer/core';
import type { MlpState } from '@flow-visualizer/backends/browser';
import { getKey } from '../config/settings.js';
import type { ConfigValues } from '../worker/protocol.js';
import type { PretrainedModel } from './live-protocol.js';

/** The file the script writes (format fv-pretrained/1). */
export interface PretrainedFile {
  format: string;
  dataset: string;
  made_by: string;
  epochs: number;
  spec: ModelSpec;
  sizes: number[];
  weights_f16: string;
}

const BASE = './pretrained/';

export class PretrainedModels {
  private index?: Promise<string[]>;
  private readonly files = new Map<string, Promise<PretrainedModel | undefined>>();

  /** The datasets that have a demo (read once; none when the list cannot be read). */
  datasets(): Promise<string[]> {
    this.index ??= fetch(`${BASE}index.json`)
      .then((r) => (r.ok ? r.json() : { datasets: [] }))
      .then((j: { datasets?: unknown }) => (Array.isArray(j.datasets) ? j.datasets.map(String) : []))
      .catch(() => []);
    return this.index;
  }

  /** The demo for these settings, or undefined when none fits them. */
  async forValues(values: ConfigValues): Promise<PretrainedModel | undefined> {
    const name = String(getKey(values, 'data.name'));
    const options = getKey(values, 'data.options');
    const source = getKey(values, 'source.name');
    // A demo of the default shape would mislead for other options (another T-Rex part, more arms) or another start.
    if ((options && typeof options === 'object' && Object.keys(options).length) || (source !== undefined && source !== 'gaussian')) return undefined;
    if (!(await this.datasets()).includes(name)) return undefined;
    if (!this.files.has(name)) {
      this.files.set(
        name,
        fetch(`${BASE}${encodeURIComponent(name)}.json`)
          .then((r) => (r.ok ? r.json() : undefined))
          .then((f: PretrainedFile | undefined) => (f ? decodePretrained(f) : undefined))
          .catch(() => undefined),
      );
    }
    return this.files.get(name);
  }
}

/** The file's network: float16 weights split by `sizes` into the parameters, fresh optimizer moments. */
export function decodePretrained(f: PretrainedFile): PretrainedModel {
  if (f.format !== 'fv-pretrained/1') throw new Error(`Unknown pretrained format '${f.format}'.`);
  const bytes = Uint8Array.from(atob(f.weights_f16), (c) => c.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  let k = 0;
  const params = f.sizes.map((size) => {
    const p = new Float32Array(size);
    for (let i = 0; i < size; i++) p[i] = halfToFloat(view.getUint16(2 * k++, true));
    return p;
  });
  if (2 * k !== bytes.length) throw new Error(`Pretrained ${f.dataset}: ${bytes.length / 2} weights for ${k} parameters.`);
  const state: MlpState = { params, m: params.map((p) => new Float32Array(p.length)), v: params.map((p) => new Float32Array(p.length)), step: 0 };
  return {
    spec: f.spec,
    state,
    info: { dataset: f.dataset, epochs: f.epochs, hiddenDims: [...f.spec.hiddenDims], madeBy: f.made_by },
  };
}

/** An IEEE half float's value. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
