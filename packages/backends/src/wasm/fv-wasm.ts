import { FvError } from '@flow-visualizer/core';
import { FV_WASM_BASE64, FV_WASM_MISSING, FV_WASM_MT_BASE64, FV_WASM_MT_MEMORY } from './generated/fv-wasm-binary.js';

/** The part of the WebAssembly API used here, typed here as this package compiles without the DOM library. */
interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}
type WasmModule = object;
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: object): Promise<{ exports: unknown }>;
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const wasmApi = (): WasmApi | undefined => (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The exports of the kernels' module (wasm/fv_wasm_api.c); pointers are byte offsets into `memory`. */
interface FvWasmExports {
  /** The one-thread module's own memory (the threaded one imports a shared memory instead). */
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
  /** dx: 0, or (Fourier features) each row's derivative along each coordinate of the point (native/fv_jacobian.c). */
  fvw_jacobian(dims: number, ndims: number, freqs: number, nfreqs: number, P: number, n: number, x: number, ts: number, v: number, jac: number, dx: number): number;
  fvw_peak(iters: number, seed: number): number;
  fvw_set_threads(n: number): number;
  fvw_workers_up(): number;
}

/** Why the page has no kernels module (the build's reason), or undefined when it has one. */
export function fvWasmMissing(): string | undefined {
  return FV_WASM_BASE64 === null ? (FV_WASM_MISSING ?? 'the WebAssembly kernels were not built') : undefined;
}

const compiled: Partial<Record<'st' | 'mt', Promise<WasmModule>>> = {};

/** A module ('st': one thread, 'mt': threads on a shared memory), compiled once per page or process (it fails where the engine has no SIMD128). */
export function compileModule(kind: 'st' | 'mt' = 'st'): Promise<WasmModule> {
  const missing = fvWasmMissing();
  if (missing) return Promise.reject(new Error(missing));
  const api = wasmApi();
  if (!api) return Promise.reject(new Error('this engine has no WebAssembly'));
  let p = compiled[kind];
  if (!p) {
    const bin = atob((kind === 'st' ? FV_WASM_BASE64 : FV_WASM_MT_BASE64)!);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    p = compiled[kind] = api.compile(bytes);
    p.catch(() => (compiled[kind] = undefined));
  }
  return p;
}

/** A worker thread as the pool needs it: a Web Worker, or Node's worker_threads Worker behind the same calls. */
export interface PoolWorker {
  postMessage(message: unknown): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  terminate(): void;
}

/** Starts a worker running `code` (a classic script): in a page, a Web Worker from a Blob URL. */
export type SpawnWorker = (code: string) => PoolWorker;

/**
 * What each pool worker runs: it instantiates the threaded module on the shared memory, moves its stack pointer
 * to its own stack, says it is ready and enters fvw_worker (which never returns: the worker waits on the job word).
 */
export const POOL_WORKER_CODE = `
const node = typeof self === 'undefined';
const port = node ? require('node:worker_threads').parentPort : self;
const on = (f) => (node ? port.on('message', f) : (self.onmessage = (e) => f(e.data)));
on(async ({ module, memory, me, stackTop }) => {
  const inst = await WebAssembly.instantiate(module, { env: { memory } });
  inst.exports.__stack_pointer.value = stackTop;
  port.postMessage('ready');
  inst.exports.fvw_worker(me);
});`;

interface WebWorkerGlobals {
  Worker?: new (url: string) => PoolWorker;
  Blob?: new (parts: string[], o: { type: string }) => object;
  URL: { createObjectURL?(blob: object): string };
  SharedArrayBuffer?: unknown;
  crossOriginIsolated?: boolean;
  document?: unknown;
}
const g = () => globalThis as unknown as WebWorkerGlobals;

/** The page's way to start pool workers (Web Workers from a Blob URL), or undefined where there are none. */
export function webSpawner(): SpawnWorker | undefined {
  const { Worker, Blob, URL } = g();
  if (!Worker || !Blob || !URL.createObjectURL) return undefined;
  return (code) => new Worker(URL.createObjectURL!(new Blob([code], { type: 'text/javascript' })));
}

/**
 * Why threads cannot run here, or undefined: they need SharedArrayBuffer (a cross-origin isolated page), a way to
 * start workers, and a caller that may block (memory.atomic.wait: a Web Worker, not a page's main thread).
 */
export function whyNoThreads(spawn: SpawnWorker | undefined): string | undefined {
  if (FV_WASM_MT_BASE64 === null) return 'the threaded module was not built';
  if (typeof g().SharedArrayBuffer !== 'function' || g().crossOriginIsolated === false) return 'threads need SharedArrayBuffer: a cross-origin isolated page (COOP/COEP headers)';
  if (g().document !== undefined) return "a page's main thread may not wait on its workers (run the model in a Web Worker)";
  if (!spawn) return 'this engine cannot start workers';
  return undefined;
}

/**
 * One instance of the kernels' module: its own memory (one per model, dropped with it). Views of the memory are
 * made afresh at each use: a malloc may grow the memory, which detaches every view made before.
 */
export class FvWasm {
  private constructor(readonly exports: FvWasmExports, private readonly memory: WasmMemory, private readonly workers: PoolWorker[] = []) {}

  /** The one-thread module on a memory of its own. */
  static async instantiate(): Promise<FvWasm> {
    const inst = await wasmApi()!.instantiate(await compileModule('st'), {});
    const exports = inst.exports as unknown as FvWasmExports;
    return new FvWasm(exports, exports.memory);
  }

  /**
   * The threaded module on a shared memory with `threads - 1` pool workers started by `spawn` (each on a stack of its
   * own, allocated here); resolves once every worker waits for jobs.
   */
  static async instantiateThreaded(threads: number, spawn: SpawnWorker): Promise<FvWasm> {
    const api = wasmApi()!;
    const module = await compileModule('mt');
    const page = 65536;
    const memory = new api.Memory({ initial: FV_WASM_MT_MEMORY.initialBytes / page, maximum: FV_WASM_MT_MEMORY.maximumBytes / page, shared: true });
    const inst = await api.instantiate(module, { env: { memory } });
    const w = new FvWasm(inst.exports as unknown as FvWasmExports, memory);
    try {
      for (let me = 1; me < threads; me++) {
        const stack = w.alloc(FV_WASM_MT_MEMORY.stackBytes, "a worker's stack");
        const worker = spawn(POOL_WORKER_CODE);
        w.workers.push(worker);
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('a pool worker did not start within 10 s')), 10_000);
          worker.onmessage = () => {
            clearTimeout(timer);
            resolve();
          };
          worker.postMessage({ module, memory, me, stackTop: stack + FV_WASM_MT_MEMORY.stackBytes });
        });
      }
      // 'ready' comes just before fvw_worker counts itself in: wait for the count.
      for (let i = 0; w.exports.fvw_workers_up() < threads - 1; i++) {
        if (i > 2000) throw new Error('the pool workers did not enter their loop within 2 s');
        await new Promise((r) => setTimeout(r, 1));
      }
    } catch (e) {
      w.terminate();
      throw e;
    }
    w.exports.fvw_set_threads(threads);
    return w;
  }

  /** Threads of this instance (1 for the one-thread module). */
  get threads(): number {
    return this.workers.length + 1;
  }

  /** Threads the next calls use (at most `threads`). */
  setThreads(n: number): void {
    this.exports.fvw_set_threads(Math.max(1, Math.min(n, this.threads)));
  }

  /** Stops the pool workers (the instance must not be called after). */
  terminate(): void {
    for (const w of this.workers.splice(0)) w.terminate();
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
    return new Float32Array(this.memory.buffer, ptr, n);
  }

  f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, n);
  }

  i32(ptr: number, n: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, n);
  }

  /** The C string at ptr. */
  text(ptr: number): string {
    const mem = new Uint8Array(this.memory.buffer);
    let end = ptr;
    while (mem[end]) end++;
    // A copy: TextDecoder refuses a view of shared memory (the threaded module's, in a cross-origin-isolated page).
    return new TextDecoder().decode(mem.slice(ptr, end));
  }
}

export function outOfMemory(what: string): FvError {
  return new FvError('RESOURCE_LIMIT', `wasm-c backend: out of memory (${what}); WebAssembly memory stops at 4 GiB.`, {
    hint: 'Use smaller batches (training.batch_size) or a smaller model.',
  });
}

/**
 * WebAssembly SIMD's float peak on this engine and CPU: GFLOP/s of fvw_peak's 12 independent multiply-add chains on
 * one thread (8 flops a chain and round), the best of `repeats` runs of ~`ms` milliseconds: short runs, many of
 * them, so that on a shared machine some run without being preempted.
 */
export async function wasmSimdPeak(ms = 10, repeats = 60): Promise<number> {
  const w = await FvWasm.instantiate();
  let iters = 1 << 10;
  for (;;) {
    const t0 = performance.now();
    w.exports.fvw_peak(iters, 1);
    if (performance.now() - t0 > ms / 4 || iters > 1 << 28) break;
    iters *= 2;
  }
  iters *= 4;
  let best = 0;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    w.exports.fvw_peak(iters, 1 + r);
    const s = (performance.now() - t0) / 1000;
    best = Math.max(best, (iters * 96) / s / 1e9);
  }
  return best;
}
