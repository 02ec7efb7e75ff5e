import { FvError } from '@flow-visualizer/core';
import { FV_WASM_BASE64, FV_WASM_MISSING } from './generated/fv-wasm-binary.js';

/** The part of the WebAssembly API used here, typed here as this package compiles without the DOM library. */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
type WasmModule = object;
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: object): Promise<{ exports: unknown }>;
}
const wasmApi = (): WasmApi | undefined => (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The exports of the kernels' module (wasm/fv_wasm_api.c); pointers are byte offsets into `memory`. */
interface FvWasmExports {
  memory: WasmMemory;
  malloc(bytes: number): number;
  free(ptr: number): void;
  fvw_last_error(): number;
  fvw_mlp_new(dims: number, ndims: number, freqs: number, nfreqs: number): number;
  fvw_model_size(model: number): number;
  fvw_train_step(model: number, P: number, n: number, x: number, t: number, y: number, scale: number, grad: number, parts: number,
    m: number, v: number, k: number, ema: number, emaC: number): number;
  fvw_forward(model: number, P: number, n: number, x: number, t: number, ts: number, out: number): number;
  fvw_adam(n: number, p: number, m: number, v: number, g: number, k: number, ema: number, emaC: number): void;
  fvw_peak(iters: number, seed: number): number;
}

/** Why the page has no kernels module (the build's reason), or undefined when it has one. */
export function fvWasmMissing(): string | undefined {
  return FV_WASM_BASE64 === null ? (FV_WASM_MISSING ?? 'the WebAssembly kernels were not built') : undefined;
}

let compiled: Promise<WasmModule> | undefined;

/** The module, compiled once per page or process (it fails where the engine has no SIMD128). */
function compileModule(): Promise<WasmModule> {
  const missing = fvWasmMissing();
  if (missing) return Promise.reject(new Error(missing));
  const api = wasmApi();
  if (!api) return Promise.reject(new Error('this engine has no WebAssembly'));
  if (!compiled) {
    const bin = atob(FV_WASM_BASE64!);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const p = api.compile(bytes);
    p.catch(() => (compiled = undefined));
    compiled = p;
  }
  return compiled;
}

/**
 * One instance of the kernels' module: its own memory (one per model, dropped with it). Views of the memory are
 * made afresh at each use: a malloc may grow the memory, which detaches every view made before.
 */
export class FvWasm {
  private constructor(readonly exports: FvWasmExports) {}

  static async instantiate(): Promise<FvWasm> {
    const inst = await wasmApi()!.instantiate(await compileModule(), {});
    return new FvWasm(inst.exports as unknown as FvWasmExports);
  }

  /** `bytes` of the module's memory (16-byte aligned): an FvError when it cannot grow that far. */
  alloc(bytes: number, what: string): number {
    const p = this.exports.malloc(Math.max(16, bytes));
    if (!p) throw outOfMemory(what);
    return p;
  }

  free(ptr: number): void {
    if (ptr) this.exports.free(ptr);
  }

  f32(ptr: number, n: number): Float32Array {
    return new Float32Array(this.exports.memory.buffer, ptr, n);
  }

  f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.exports.memory.buffer, ptr, n);
  }

  i32(ptr: number, n: number): Int32Array {
    return new Int32Array(this.exports.memory.buffer, ptr, n);
  }

  /** The C string at ptr. */
  text(ptr: number): string {
    const mem = new Uint8Array(this.exports.memory.buffer);
    let end = ptr;
    while (mem[end]) end++;
    return new TextDecoder().decode(mem.subarray(ptr, end));
  }
}

export function outOfMemory(what: string): FvError {
  return new FvError('RESOURCE_LIMIT', `wasm-c backend: out of memory (${what}); WebAssembly memory stops at 4 GiB.`, {
    hint: 'Use smaller batches (training.batch_size) or a smaller model.',
  });
}

/**
 * WebAssembly SIMD's float peak on this engine and CPU: GFLOP/s of fvw_peak's 12 independent multiply-add
 * chains on one thread (8 flops a chain and round), the best of `repeats` runs of ~`ms` milliseconds each.
 */
export async function wasmSimdPeak(ms = 200, repeats = 3): Promise<number> {
  const w = await FvWasm.instantiate();
  let iters = 1 << 16;
  for (;;) {
    const t0 = performance.now();
    w.exports.fvw_peak(iters, 1);
    if (performance.now() - t0 > ms / 4) break;
    iters *= 2;
  }
  iters = Math.ceil(iters * 4);
  let best = 0;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    w.exports.fvw_peak(iters, 1 + r);
    const s = (performance.now() - t0) / 1000;
    best = Math.max(best, (iters * 96) / s / 1e9);
  }
  return best;
}
