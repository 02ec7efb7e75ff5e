import type { ModelSpec, VelocityJacobian } from '@flow-visualizer/core';
import { flatLayout, type FlatLayout } from '../model/flat.js';
import { inputDimOf, layerShapes, timeFrequencies } from '../model/spec.js';
import { FvWasm, outOfMemory, type SpawnWorker } from './fv-wasm.js';

/** Threads for a WasmNet: how many, and how to start the workers (more than 1 needs spawn). */
export interface WasmThreads {
  threads: number;
  spawn?: SpawnWorker;
}

/**
 * One instance of the module per pool size in a page (or process), shared by its models: each model is its own
 * allocations in the one memory, and the pool's workers start once rather than for every model (the studio makes
 * a frozen copy of the model for each likelihood figure). Calls never interleave: JavaScript makes them one at a
 * time. Where the threaded module fails (its probe said why), the one-thread module: the same floats.
 */
const instances = new Map<string, Promise<FvWasm>>();
function sharedInstance(t: WasmThreads): Promise<FvWasm> {
  const threaded = t.threads > 1 && t.spawn !== undefined;
  const key = threaded ? `mt:${t.threads}` : 'st';
  let w = instances.get(key);
  if (!w) {
    w = threaded ? FvWasm.instantiateThreaded(t.threads, t.spawn!).catch(() => FvWasm.instantiate()) : FvWasm.instantiate();
    w.catch(() => instances.delete(key));
    instances.set(key, w);
  }
  return w;
}

/** A float32 array in the module's memory, reallocated when a larger one is needed. */
class Slot {
  ptr = 0;
  private cap = 0;
  constructor(private readonly w: FvWasm, private readonly what: string) {}

  /** Room for n floats (at least one), its pointer. */
  fit(n: number): number {
    if (n > this.cap || !this.ptr) {
      this.w.free(this.ptr);
      this.ptr = 0;
      this.ptr = this.w.alloc(4 * Math.max(1, n), this.what);
      this.cap = Math.max(1, n);
    }
    return this.ptr;
  }

  /** a copied in; its pointer. */
  put(a: Float32Array): number {
    const p = this.fit(a.length);
    this.w.f32(p, a.length).set(a);
    return p;
  }

  release(): void {
    this.w.free(this.ptr);
    this.ptr = 0;
    this.cap = 0;
  }

  /** n floats copied out into `into`. */
  get(into: Float32Array): void {
    into.set(this.w.f32(this.ptr, into.length));
  }
}

/**
 * The MLP of native/fv_mlp_*.c and the training step of fv_step.c, compiled to WebAssembly (wasm/fv_wasm_*.c):
 * NativeNet's calls for a page. The engine's arrays live in JavaScript; each call copies what it changed back out
 * (~2 MB a step for the default model: a few % of a step) and what it reads in unless the module holds it already
 * (`resident`), so a failed call (out of memory) leaves the engine's arrays as they were.
 */
export class WasmNet {
  readonly layout: FlatLayout;
  private readonly size: number;
  private readonly slots: Record<'p' | 'm' | 'v' | 'ema' | 'grad' | 'x' | 't' | 'y' | 'w' | 'out' | 'jac', Slot>;
  private readonly k: number;
  private disposed = false;
  /**
   * The engine's arrays whose values the module holds since the last step wrote them back: MlpEngine changes its
   * state only through this net's calls (or just before an adam(), which copies everything in), so the next step
   * need not copy them in again. Any other array (a new engine, a restored state) is copied in.
   */
  private resident?: { params: Float32Array; m: Float32Array; v: Float32Array; ema: Float32Array | null };

  private constructor(readonly spec: ModelSpec, private readonly w: FvWasm, private readonly model: number,
    private readonly dims: { ptr: number; n: number }, private readonly freqs: { ptr: number; n: number }) {
    this.layout = flatLayout(spec);
    this.size = w.exports.fvw_model_size(model);
    if (this.size !== this.layout.total) throw new Error(`wasm-c: the module counts ${this.size} parameters, the layout ${this.layout.total}`);
    const slot = (what: string) => new Slot(w, what);
    this.slots = {
      p: slot('the parameters'), m: slot("Adam's moments"), v: slot("Adam's moments"), ema: slot('the moving average'), grad: slot('the gradient'),
      x: slot('a batch'), t: slot('a batch'), y: slot('a batch'), w: slot('the weights of a prediction'), out: slot('the predictions'), jac: slot('a Jacobian'),
    };
    for (const s of [this.slots.p, this.slots.m, this.slots.v, this.slots.grad]) s.fit(this.size);
    this.k = w.alloc(8 * 7, "Adam's constants");
  }

  /** Threads in this net's pool (1: the one-thread module). */
  get threads(): number {
    return this.w.threads;
  }

  /** Threads the next calls use. */
  setThreads(n: number): void {
    this.w.setThreads(n);
  }

  static async create(spec: ModelSpec, threads: WasmThreads = { threads: 1 }): Promise<WasmNet> {
    const w = await sharedInstance(threads);
    const layers = layerShapes(spec);
    // The C MLP reads rows of `dims[0]` floats (the point, then a conditional model's condition), as the addon's does.
    const dims = Int32Array.from([inputDimOf(spec), layers.length, layers[0].inDim, ...layers.map((l) => l.outDim)]);
    const freqs = timeFrequencies(spec.timeEmbedDim);
    const dp = w.alloc(4 * dims.length, 'the model'), fp = w.alloc(4 * freqs.length, 'the model');
    w.i32(dp, dims.length).set(dims);
    w.f32(fp, freqs.length).set(freqs);
    const model = w.exports.fvw_mlp_new(dp, dims.length, fp, freqs.length);
    if (!model) {
      w.free(dp);
      w.free(fp);
      throw new Error(`wasm-c: the module refused the model: ${w.text(w.exports.fvw_last_error())}`);
    }
    // dims and freqs stay: the Jacobian (fv_jacobian.c) takes them as the addon's does.
    return new WasmNet(spec, w, model, { ptr: dp, n: dims.length }, { ptr: fp, n: freqs.length });
  }

  /**
   * A whole training step (fv_loss_and_grad_parts with Adam): gradient in `parts` summed in part order, then Adam
   * and the moving average, into params, m, v and ema. Returns the sum of squared errors.
   */
  trainStep(params: Float32Array, m: Float32Array, v: Float32Array, ema: Float32Array | null, emaC: number, k: Float64Array,
    x: Float32Array, t: Float32Array, y: Float32Array, scale: number, parts: number): number {
    const s = this.slots;
    this.live();
    const r = this.resident;
    if (!(r && r.params === params && r.m === m && r.v === v && r.ema === ema)) {
      this.resident = undefined;
      s.p.put(params);
      s.m.put(m);
      s.v.put(v);
      if (ema) s.ema.put(ema);
    }
    const e = ema ? s.ema.ptr : 0;
    this.w.f64(this.k, 7).set(k);
    const sse = this.w.exports.fvw_train_step(this.model, s.p.ptr, t.length, s.x.put(x), s.t.put(t), s.y.put(y), scale, s.grad.ptr, parts,
      s.m.ptr, s.v.ptr, this.k, e, emaC);
    if (sse < 0) throw outOfMemory('the activations and gradients of a training batch');
    s.p.get(params);
    s.m.get(m);
    s.v.get(v);
    if (ema) s.ema.get(ema);
    this.resident = { params, m, v, ema };
    return sse;
  }

  /** Sum of squared errors of the batch (in `parts`), its gradient times scale into grad. */
  lossAndGrad(params: Float32Array, x: Float32Array, t: Float32Array, y: Float32Array, scale: number, grad: Float32Array, parts: number): number {
    const s = this.slots;
    this.live();
    this.resident = undefined;
    s.p.put(params);
    const sse = this.w.exports.fvw_train_step(this.model, s.p.ptr, t.length, s.x.put(x), s.t.put(t), s.y.put(y), scale, s.grad.ptr, parts, 0, 0, 0, 0, 0);
    if (sse < 0) throw outOfMemory('the activations and gradients of a training batch');
    s.grad.get(grad);
    return sse;
  }

  /** Adam then the moving average on a prepared gradient (k: adamConstants'). */
  adam(params: Float32Array, m: Float32Array, v: Float32Array, grad: Float32Array, k: Float64Array, ema: Float32Array | null, emaC: number): void {
    const s = this.slots;
    this.live();
    this.resident = undefined;
    s.p.put(params);
    s.m.put(m);
    s.v.put(v);
    s.grad.put(grad);
    const e = ema ? s.ema.put(ema) : 0;
    this.w.f64(this.k, 7).set(k);
    this.w.exports.fvw_adam(this.size, s.p.ptr, s.m.ptr, s.v.ptr, s.grad.ptr, this.k, e, emaC);
    s.p.get(params);
    s.m.get(m);
    s.v.get(v);
    if (ema) s.ema.get(ema);
    this.resident = { params, m, v, ema };
  }

  /** v(x, t) with these weights: t per row, or one time for all rows. */
  forward(weights: Float32Array, x: Float32Array, t: Float32Array | number): Float32Array {
    const s = this.slots;
    this.live();
    const n = x.length / inputDimOf(this.spec);
    const out = new Float32Array(n * this.spec.dataDim);
    if (n === 0) return out;
    // Its own slot: the parameters (and Adam's state) stay resident for the next step.
    s.w.put(weights);
    const tp = typeof t === 'number' ? 0 : s.t.put(t);
    s.out.fit(out.length);
    if (!this.w.exports.fvw_forward(this.model, s.w.ptr, n, s.x.put(x), tp, typeof t === 'number' ? t : 0, s.out.ptr)) throw outOfMemory('a prediction');
    s.out.get(out);
    return out;
  }

  /** v(x, t) and ∂v/∂x at one time for all rows (native/fv_jacobian.c's forward-mode pass), rows over the pool. */
  jacobian(weights: Float32Array, x: Float32Array, t: number, dx?: Float32Array): VelocityJacobian {
    const s = this.slots;
    this.live();
    // Rows of x are what the net reads (the point or its Fourier features, then a conditional model's condition);
    // dx, with Fourier features, each row's derivative along each x_j. v and the Jacobian are the point's only.
    const d = this.spec.dataDim, n = x.length / inputDimOf(this.spec);
    const v = new Float32Array(n * d), jac = new Float32Array(n * d * d);
    if (n === 0) return { v, jac };
    s.w.put(weights);
    s.out.fit(v.length);
    s.jac.fit(jac.length);
    // The seeds go in the target's slot, free here.
    const seeds = dx ? s.y.put(dx) : 0;
    const r = this.w.exports.fvw_jacobian(this.dims.ptr, this.dims.n, this.freqs.ptr, this.freqs.n, s.w.ptr, n, s.x.put(x), t, s.out.ptr, s.jac.ptr, seeds);
    if (r < 0) throw outOfMemory("the Jacobian's activations");
    if (r === 0) throw new Error('wasm-c: the Jacobian refused the model (dims or sizes)');
    s.out.get(v);
    s.jac.get(jac);
    return { v, jac };
  }

  /** Gives the model's memory back to the shared instance (its pool keeps running for the page's other models). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const slot of Object.values(this.slots)) slot.release();
    this.w.free(this.k);
    this.w.free(this.model);
    this.w.free(this.dims.ptr);
    this.w.free(this.freqs.ptr);
  }

  private live(): void {
    if (this.disposed) throw new Error('This wasm-c net has been disposed.');
  }
}
