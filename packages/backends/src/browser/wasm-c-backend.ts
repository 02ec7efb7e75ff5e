import { FvError, errorMessage, type BackendProbe, type ModelSpec } from '@flow-visualizer/core';
import { MlpEngine } from '../model/engine.js';
import { MlpEngineModel } from '../model/engine-model.js';
import { checkSpec, isResMlp, isResNet } from '../model/spec.js';
import { initialState, type MlpState } from '../model/state.js';
import { fvWasmMissing, FvWasm, webSpawner, whyNoThreads, type SpawnWorker } from '../wasm/fv-wasm.js';
import type { WasmThreads } from '../wasm/wasm-net.js';
import { CLI_PARTS, WasmSource } from '../wasm/wasm-source.js';
import { checkState, type BrowserVelocityBackend } from './browser-backend.js';
import { web } from './web-globals.js';

export interface WasmCBackendOptions {
  /** The backend that runs the architectures these kernels do not have (the residual nets): tfjs-wasm's. */
  fallback?: BrowserVelocityBackend;
  /** Threads of the pool (default: the logical cores, at most 8); 1 for the one-thread module. */
  threads?: number;
  /** How to start pool workers (default: Web Workers from a Blob URL). */
  spawn?: SpawnWorker;
}

/** The pool this page can have: threads where SharedArrayBuffer, workers and a blocking caller are, else one thread and why. */
function poolFor(options: WasmCBackendOptions): WasmThreads & { why?: string } {
  const spawn = options.spawn ?? webSpawner();
  const cores = web().navigator?.hardwareConcurrency ?? 1;
  const threads = Math.max(1, Math.min(options.threads ?? cores, 8));
  if (threads === 1) return { threads, why: options.threads === 1 ? 'threads: 1 asked for' : 'one logical core' };
  const why = whyNoThreads(spawn);
  return why ? { threads: 1, why } : { threads, spawn };
}

const BUILD_HINT = 'Build @flow-visualizer/backends where clang and wasm-ld are installed (Debian: apt-get install clang lld), then rebuild the page.';

const probes = new Map<string, Promise<BackendProbe>>();

/** Whether the modules compile and run here (WebAssembly with SIMD128, and threads where the page allows): one probe per page and pool. */
function probe(pool: WasmThreads & { why?: string }): Promise<BackendProbe> {
  const key = `${pool.threads}:${pool.why ?? ''}`;
  let probed = probes.get(key);
  if (probed) return probed;
  probed = (async (): Promise<BackendProbe> => {
    const missing = fvWasmMissing();
    if (missing) return { ok: false, reason: `the WebAssembly kernels were not built: ${missing}.`, hint: BUILD_HINT };
    try {
      const w = await FvWasm.instantiate();
      w.exports.fvw_peak(1, 1);
    } catch (e) {
      return { ok: false, reason: `the WebAssembly kernels do not load here (they need WebAssembly SIMD128): ${errorMessage(e)}`, hint: 'wasm (tfjs) takes over.' };
    }
    let threads = `one thread (${pool.why})`;
    if (pool.threads > 1) {
      try {
        (await FvWasm.instantiateThreaded(2, pool.spawn!)).terminate();
        threads = `a pool of ${pool.threads} threads on Web Workers (1 or all, whichever runs faster here, measured as it goes)`;
      } catch (e) {
        // Models then start on the one-thread module (WasmNet.create falls back the same way).
        threads = `one thread (the threaded module failed: ${errorMessage(e)})`;
      }
    }
    return {
      ok: true,
      reason: `Flow Visualizer's C kernels (the native backend's MLP and training step) compiled to WebAssembly + SIMD128, ${threads}; batches in ${CLI_PARTS} parts as the CLI's`,
    };
  })();
  probes.set(key, probed);
  return probed;
}

/**
 * `wasm-c`: the MLP, its training step, Adam and the moving average of the native backend (native/*.c), compiled
 * to WebAssembly with SIMD (scripts/build-wasm.mjs), in the page's worker: the CLI's engine and numbers without
 * tfjs' per-operation overhead. Above tfjs-wasm, below the GPUs. The residual architectures go to `fallback`.
 */
export function browserWasmCBackend(options: WasmCBackendOptions = {}): BrowserVelocityBackend {
  const pool = poolFor(options);
  const build = async (spec: ModelSpec, state: MlpState) => {
    const p = await probe(pool);
    if (!p.ok) throw new FvError('BACKEND_UNAVAILABLE', `The 'wasm-c' backend cannot load here: ${p.reason}`, { hint: p.hint });
    return new MlpEngineModel('wasm-c', spec, new MlpEngine(spec, state, await WasmSource.create(spec, CLI_PARTS, pool)));
  };
  const fallback = (spec: ModelSpec) => {
    if (!options.fallback) {
      throw new FvError('CONFIG_INVALID', `The ${spec.architecture} network (model.architecture: ${spec.architecture}) has no WebAssembly kernels yet.`, {
        hint: 'Use model.architecture: mlp, or another backend (training.device: wasm or cpu).',
      });
    }
    return options.fallback;
  };
  const residual = (spec: ModelSpec) => isResMlp(spec) || isResNet(spec);
  return {
    id: 'wasm-c',
    priority: 25,
    probe: () => probe(pool),
    createModel(spec) {
      checkSpec(spec);
      return residual(spec) ? fallback(spec).createModel(spec) : build(spec, initialState(spec));
    },
    createModelFromState(spec, state) {
      checkSpec(spec);
      if (residual(spec)) return fallback(spec).createModelFromState(spec, state);
      checkState(spec, state);
      return build(spec, state);
    },
    async loadModel(dir) {
      throw new FvError('USAGE', `Cannot load a model from the folder '${dir}' in a browser: there is no file system.`, {
        hint: 'Read its model.json and weights.bin into an MlpState and use createModelFromState.',
      });
    },
  };
}
