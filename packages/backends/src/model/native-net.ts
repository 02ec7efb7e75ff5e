import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelSpec, VelocityJacobian } from '@flow-visualizer/core';
import { noJacobian } from './no-jacobian.js';
import { flatLayout, type FlatLayout } from './flat.js';
import type { MlpNet } from './net.js';
import { inputDimOf, layerShapes, timeFrequencies } from './spec.js';

/** The addon's exports (native/fv_addon.c; the MLP's entry points come from fv_napi.c over fv_mlp_*.c). */
export interface Addon {
  /** parts > 1: the batch split in that many parts over the C thread pool, gradients summed in part order. */
  lossAndGrad(dims: Int32Array, freqs: Float32Array, params: Float32Array, x: Float32Array, t: Float32Array, y: Float32Array, scale: number, grad: Float32Array, parts?: number): number;
  /** Rows spread over the C thread pool. */
  forward(dims: Int32Array, freqs: Float32Array, params: Float32Array, x: Float32Array, t: Float32Array | number, out: Float32Array): void;
  /** Adam then the moving average (ema may be null); k = [β1, β2, 1-β1, 1-β2, stepSize, 1/sqrt(1-β2^t), ε]. */
  adam(params: Float32Array, m: Float32Array, v: Float32Array, grad: Float32Array, k: Float64Array, ema: Float32Array | null, emaC: number): void;
  /** lossAndGrad in parts, then the parts' sum and adam() in one pass: a whole training step. Returns the sum of squared errors. */
  trainStep(dims: Int32Array, freqs: Float32Array, params: Float32Array, x: Float32Array, t: Float32Array, y: Float32Array, scale: number, grad: Float32Array,
    parts: number, m: Float32Array, v: Float32Array, k: Float64Array, ema: Float32Array | null, emaC: number): number;
  /** v(x, t) and ∂v/∂x at one time for all rows (fv_jacobian.c: forward-mode tangents), rows over the pool; absent in an older build. */
  jacobian?(dims: Int32Array, freqs: Float32Array, params: Float32Array, x: Float32Array, t: number, v: Float32Array, jac: Float32Array, dx?: Float32Array): void;
  /** The entropic OT plan's Sinkhorn loop (fv_sinkhorn.c): fills v, returns the iterations done; absent in an older build. */
  sinkhornScale?(K: Float32Array, n: number, maxIter: number, tol: number, v: Float64Array): number;
  /** The plan's kernel exp(−(C − row min)/ε) (fv_sinkhorn_plan.c), scale 0 none | 1 mean | 2 max; returns ε. */
  sinkhornKernel?(a: Float32Array, b: Float32Array, scale: number, reg: number, K: Float32Array): number;
  /** One column per row drawn from the plan K_ij·v_j with the given uniforms (fv_sinkhorn_plan.c). */
  sinkhornDraw?(K: Float32Array, n: number, v: Float64Array, uniform: Float64Array, out: Int32Array): void;
  /** Threads of the C pool (process-wide); returns the count in use. */
  setThreads(n: number): number;
  /** Seconds [gemm, activations, adam, time embedding, sync, other] summed over threads since the last reset; `on` starts/stops counting. */
  profile(on: boolean, reset: boolean): Float64Array;
  /** The kernel set in use: avx512, avx2 or generic (FV_NATIVE_ISA forces one). */
  isa: string;
  /** Those this CPU runs, comma-separated, best first. */
  isas: string;
}

/**
 * Folders that may hold the built addon: FV_NATIVE_DIR when set (a build made with build-native.mjs --out), else
 * the package's dist/native (from src, as under Jest, the package's built copy).
 */
function addonDirs(): string[] {
  if (process.env.FV_NATIVE_DIR) return [path.resolve(process.env.FV_NATIVE_DIR)];
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [path.join(here, '..', 'native'), path.join(here, '..', '..', 'dist', 'native')];
}

/** The built addon: fv_mlp.node in the first of addonDirs() that has one. */
export function addonPath(): string | undefined {
  return addonDirs().map((d) => path.join(d, 'fv_mlp.node')).find((p) => existsSync(p));
}

/** What scripts/build-native.mjs recorded when it built no addon (build-status.json). */
export interface NativeBuildStatus {
  reason: 'no-compiler' | 'no-headers' | 'unsupported-platform' | 'disabled' | 'compile-error';
  message: string;
  compiler?: string;
}

/** The recorded reason there is no addon, if the build left one (undefined: an addon exists, or no build ran). */
export function nativeBuildStatus(): NativeBuildStatus | undefined {
  if (addonPath()) return undefined;
  for (const d of addonDirs()) {
    try {
      const s = JSON.parse(readFileSync(path.join(d, 'build-status.json'), 'utf8')) as NativeBuildStatus & { built?: boolean };
      if (s.built === false && typeof s.reason === 'string') return { reason: s.reason, message: String(s.message), ...(s.compiler ? { compiler: s.compiler } : {}) };
    } catch {
      // no status here
    }
  }
  return undefined;
}

/** Why the addon is missing, as a sentence for the probe and `fv doctor`. */
export function missingAddonReason(): string {
  const s = nativeBuildStatus();
  if (!s) return 'the native addon is not built (no build has run here: npm run build)';
  switch (s.reason) {
    case 'no-compiler': return `the native addon was not built: ${s.message}`;
    case 'no-headers': return `the native addon was not built: ${s.message}`;
    case 'unsupported-platform': return `the native addon is not built for this platform: ${s.message}`;
    case 'disabled': return `the native addon was not built: ${s.message}`;
    case 'compile-error': return `the native addon failed to compile: ${s.message}`;
  }
}

let addon: Addon | undefined;

/** Wall time inside the addon's training and prediction calls, counted while on (nativeCallWall): for the benchmark. */
const calls = { on: false, seconds: 0 };

function timed<T>(call: () => T): T {
  if (!calls.on) return call();
  const t0 = performance.now();
  try {
    return call();
  } finally {
    calls.seconds += (performance.now() - t0) / 1000;
  }
}

/** Why the addon next to build.json cannot be for this machine (another OS or architecture), or undefined. */
function foreignBuild(file: string): string | undefined {
  try {
    const built = JSON.parse(readFileSync(path.join(path.dirname(file), 'build.json'), 'utf8')) as { platform?: string; arch?: string };
    if (built.platform && built.arch && (built.platform !== process.platform || built.arch !== process.arch)) {
      return `it was built for ${built.platform}-${built.arch}, this is ${process.platform}-${process.arch}; rebuild it here`;
    }
  } catch {
    // no build.json: try loading
  }
  return undefined;
}

/**
 * Loads the addon (once); throws when it is not built, was built for another OS or architecture, or does not
 * load (e.g. FV_NATIVE_ISA names kernels this CPU lacks). Its kernels are chosen at load from the CPU's features:
 * one build runs on any x86-64 CPU.
 */
export function loadAddon(): Addon {
  if (addon) return addon;
  const file = addonPath();
  if (!file) throw Object.assign(new Error(missingAddonReason()), { code: 'FV_NATIVE_NOT_BUILT' });
  const foreign = foreignBuild(file);
  if (foreign) throw new Error(foreign);
  addon = createRequire(import.meta.url)(file) as Addon;
  return addon;
}

/**
 * The MLP in C (native/fv_mlp_*.c), the same maths as TfjsNet: its matrix products run ~7× faster than
 * tfjs-wasm's (~100 against ~16 GFLOP/s a core). lossAndGrad in one part runs on the calling thread; the native gradient source asks for parts over the C pool.
 */
export class NativeNet implements MlpNet {
  readonly layout: FlatLayout;
  private readonly dims: Int32Array;
  private readonly freqs: Float32Array;
  readonly addon: Addon;

  constructor(readonly spec: ModelSpec) {
    this.addon = loadAddon();
    this.layout = flatLayout(spec);
    const layers = layerShapes(spec);
    // The C MLP reads rows of `dims[0]` floats (the point, then a conditional model's condition) and writes the last width.
    this.dims = Int32Array.from([inputDimOf(spec), layers.length, layers[0].inDim, ...layers.map((l) => l.outDim)]);
    this.freqs = timeFrequencies(spec.timeEmbedDim);
  }

  lossAndGrad(params: Float32Array, x: Float32Array, t: Float32Array, target: Float32Array, scale: number, grad: Float32Array, parts = 1): number {
    return timed(() => this.addon.lossAndGrad(this.dims, this.freqs, params, x, t, target, scale, grad, parts));
  }

  /** A whole training step in C: gradient in `parts`, summed, then Adam (k: adam()'s constants) and the average. */
  trainStep(params: Float32Array, x: Float32Array, t: Float32Array, target: Float32Array, scale: number, grad: Float32Array, parts: number,
    m: Float32Array, v: Float32Array, k: Float64Array, ema: Float32Array | null, emaC: number): number {
    return timed(() => this.addon.trainStep(this.dims, this.freqs, params, x, t, target, scale, grad, parts, m, v, k, ema, emaC));
  }

  forward(params: Float32Array, x: Float32Array, t: Float32Array | number): Float32Array {
    const out = new Float32Array((x.length / inputDimOf(this.spec)) * this.spec.dataDim);
    timed(() => this.addon.forward(this.dims, this.freqs, params, x, t, out));
    return out;
  }

  jacobian(params: Float32Array, x: Float32Array, t: number, dx?: Float32Array): VelocityJacobian {
    if (!this.addon.jacobian) throw noJacobian('native (an addon built before fv_jacobian.c: rebuild it)');
    // Rows of x are what the net reads (the point or its Fourier features, then a conditional model's condition,
    // inputDimOf); dx, with Fourier features, each row's derivative along each x_j. v and the Jacobian are the point's.
    const d = this.spec.dataDim, n = x.length / inputDimOf(this.spec);
    const v = new Float32Array(n * d), jac = new Float32Array(n * d * d);
    timed(() => (dx ? this.addon.jacobian!(this.dims, this.freqs, params, x, t, v, jac, dx) : this.addon.jacobian!(this.dims, this.freqs, params, x, t, v, jac)));
    return { v, jac };
  }

  dispose(): void {}
}

/** Kinds of work in the native profile, in the addon's order. */
export const NATIVE_PROFILE_KINDS = ['gemm', 'activations', 'adam', 'time embedding', 'sync', 'other'] as const;

/**
 * The native addon's profile, for benchmarks: seconds per kind of work summed over its threads since the last
 * reset, then counting turned on or off. undefined when the addon does not load.
 */
export function nativeProfile(on: boolean, reset: boolean): Record<(typeof NATIVE_PROFILE_KINDS)[number], number> | undefined {
  let a: Addon;
  try {
    a = loadAddon();
  } catch {
    return undefined;
  }
  const s = a.profile(on, reset);
  return Object.fromEntries(NATIVE_PROFILE_KINDS.map((k, i) => [k, s[i]])) as Record<(typeof NATIVE_PROFILE_KINDS)[number], number>;
}

/**
 * Seconds of wall time spent inside NativeNet's addon calls (training steps, gradients, predictions) since the
 * last reset, then counting turned on or off: the rest of a training step's wall time is JavaScript (drawing the
 * batches, the path, the engine). For benchmarks; off, the calls are not timed.
 */
export function nativeCallWall(on: boolean, reset: boolean): number {
  const s = calls.seconds;
  if (reset) calls.seconds = 0;
  calls.on = on;
  return s;
}
