import { errorMessage } from '@flow-visualizer/core';
import { registerTfBackend, tf, useTfBackend } from '../backends/tfjs-runtime.js';
import { browserTfBackend, PassedOver, type BrowserVelocityBackend } from './browser-backend.js';
import { web } from './web-globals.js';

/** Where the page serves the three .wasm files of @tensorflow/tfjs-backend-wasm/dist. */
export type WasmPaths = Record<string, string> | string;

/** The three binaries tfjs-backend-wasm chooses from (by SIMD and thread support); a file map must name all three. */
export const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'] as const;

export interface WasmBackendOptions {
  /**
   * A folder URL ending in '/' that holds the three WASM_FILES, or a map from each file name to its URL (what a
   * bundler gives for asset imports, e.g. Vite's `?url`). Without it the backend is passed over: tfjs would
   * otherwise fetch the files from beside the bundle, which a bundler does not put there.
   */
  wasmPaths?: WasmPaths;
}

const NO_PATHS_HINT =
  "Give browserBackendPlugins({ wasmPaths }) the URLs of @tensorflow/tfjs-backend-wasm/dist's three .wasm files (a folder URL, or a map from file name to URL).";

/**
 * The MLP on WebAssembly (@tensorflow/tfjs-backend-wasm) with SIMD, and with threads when the page is
 * cross-origin isolated (SharedArrayBuffer). Passed over when no wasmPaths were given or its .wasm file fails to load.
 */
export function browserWasmBackend(options: WasmBackendOptions = {}): BrowserVelocityBackend {
  return browserTfBackend({
    id: 'wasm',
    priority: 20,
    tfBackend: 'wasm',
    pkg: '@tensorflow/tfjs-backend-wasm',
    options: JSON.stringify(options.wasmPaths ?? null),
    async load() {
      const paths = options.wasmPaths;
      if (!paths) throw new PassedOver("the page gave no location for tfjs-backend-wasm's .wasm files (wasmPaths).", NO_PATHS_HINT);
      if (!('WebAssembly' in globalThis)) throw new PassedOver('this browser has no WebAssembly.', 'cpu takes over.');
      const mod = await import('@tensorflow/tfjs-backend-wasm');
      await registerTfBackend('wasm', async () => mod);
      try {
        mod.setWasmPaths(paths);
      } catch (e) {
        throw new PassedOver(`wasmPaths cannot be used: ${errorMessage(e)}`, NO_PATHS_HINT);
      }
      const [simd, threads] = await Promise.all([tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')]);
      const file = WASM_FILES[threads && simd ? 2 : simd ? 1 : 0];
      try {
        await useTfBackend('wasm');
      } catch {
        const url = typeof paths === 'string' ? paths + file : paths[file];
        throw new PassedOver(`its .wasm file did not load (${url}: ${await whyNot(url)}).`, NO_PATHS_HINT);
      }
      const isolated = web().crossOriginIsolated === true;
      const how = threads && simd
        ? `${plural(mod.getThreadsCount(), 'thread')} (tfjs-wasm's choice for ${plural(web().navigator?.hardwareConcurrency ?? 0, 'logical core')})`
        : `one thread (${isolated ? 'this browser has no wasm threads' : 'threads need a cross-origin isolated page: COOP/COEP headers'})`;
      return `WebAssembly${simd ? ' + SIMD' : ' without SIMD'}, ${how} (@tensorflow/tfjs-backend-wasm)`;
    },
  });
}

/** What fetching the file answers, for the probe's reason (only after tfjs failed to load it). */
async function whyNot(url: string | undefined): Promise<string> {
  const f = web().fetch;
  if (!url) return 'no URL for it in the map';
  if (!f) return 'tfjs could not instantiate it';
  try {
    const r = await f(url);
    return r.ok ? 'fetched, but tfjs could not instantiate it (see the console)' : `HTTP ${r.status} ${r.statusText}`.trim();
  } catch (e) {
    return `fetch failed: ${errorMessage(e)}`;
  }
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
