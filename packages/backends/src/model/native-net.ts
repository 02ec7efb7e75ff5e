import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelSpec } from '@flow-visualizer/core';
import { flatLayout, type FlatLayout } from './flat.js';
import type { MlpNet } from './net.js';
import { layerShapes, timeFrequencies } from './spec.js';

interface Addon {
  lossAndGrad(dims: Int32Array, freqs: Float32Array, params: Float32Array, x: Float32Array, t: Float32Array, y: Float32Array, scale: number, grad: Float32Array): number;
  forward(dims: Int32Array, freqs: Float32Array, params: Float32Array, x: Float32Array, t: Float32Array | number, out: Float32Array): void;
  isa: string;
}

/** The built addon: dist/native/fv_mlp.node (from src, as under Jest, the package's built copy). */
export function addonPath(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [path.join(here, '..', 'native', 'fv_mlp.node'), path.join(here, '..', '..', 'dist', 'native', 'fv_mlp.node')].find((p) => existsSync(p));
}

let addon: Addon | undefined;

/** CPU flags the addon was compiled for (build.json beside it) that this CPU lacks; [] when unknown. */
function missingCpuFlags(file: string): string[] {
  try {
    const built = JSON.parse(readFileSync(path.join(path.dirname(file), 'build.json'), 'utf8')) as { cpuFlags?: string[] };
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('flags'));
    if (!line) return [];
    const here = new Set(line.split(':')[1]?.trim().split(/\s+/) ?? []);
    return (built.cpuFlags ?? []).filter((f) => !here.has(f));
  } catch {
    return [];
  }
}

/**
 * Loads the addon (once); throws when it is not built, was built for a CPU with instructions this one lacks
 * (loading it would kill the process with SIGILL), or does not load.
 */
export function loadAddon(): Addon {
  if (addon) return addon;
  const file = addonPath();
  if (!file) throw Object.assign(new Error('the native addon is not built'), { code: 'FV_NATIVE_NOT_BUILT' });
  const missing = missingCpuFlags(file);
  if (missing.length) throw new Error(`it was compiled for another CPU (this one lacks ${missing.join(', ')}); rebuild it here`);
  addon = createRequire(import.meta.url)(file) as Addon;
  return addon;
}

/**
 * The MLP in C (native/fv_mlp.c), the same maths as TfjsNet: compiled for this machine's CPU, its matrix
 * products run ~10× faster than tfjs-wasm's. Single-threaded; ParallelEngine spreads batches over threads.
 */
export class NativeNet implements MlpNet {
  readonly layout: FlatLayout;
  private readonly dims: Int32Array;
  private readonly freqs: Float32Array;
  private readonly addon: Addon;

  constructor(readonly spec: ModelSpec) {
    this.addon = loadAddon();
    this.layout = flatLayout(spec);
    const layers = layerShapes(spec);
    this.dims = Int32Array.from([spec.dataDim, layers.length, layers[0].inDim, ...layers.map((l) => l.outDim)]);
    this.freqs = timeFrequencies(spec.timeEmbedDim);
  }

  lossAndGrad(params: Float32Array, x: Float32Array, t: Float32Array, target: Float32Array, scale: number, grad: Float32Array): number {
    return this.addon.lossAndGrad(this.dims, this.freqs, params, x, t, target, scale, grad);
  }

  forward(params: Float32Array, x: Float32Array, t: Float32Array | number): Float32Array {
    const out = new Float32Array(x.length);
    this.addon.forward(this.dims, this.freqs, params, x, t, out);
    return out;
  }

  dispose(): void {}
}
