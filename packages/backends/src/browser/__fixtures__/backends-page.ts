/**
 * What backends.browser.test.ts runs in Chromium, in a Web Worker (where the studio trains): every browser
 * backend, forced by name, trains the same small MLP from the same state on the same batches; and the choice
 * `training.device: auto` makes. The same bundle is the page's script and the worker's: in the page it only
 * starts the worker and relays (`globalThis.fvBackends.run()`).
 */
import { createRng, selectBackend, type ModelSpec, type TrainBatch, type VelocityBackend } from '@flow-visualizer/core';
import { browserBackendPlugins, browserWasmCBackend, initialState, resetBrowserProbes, type BrowserVelocityBackend } from '@flow-visualizer/backends/browser';

export const SPEC: ModelSpec = { dataDim: 2, timeEmbedDim: 8, hiddenDims: [32, 32], learningRate: 5e-3, seed: 2, emaDecay: 0.9 };
export const IDS = ['webgpu', 'webgl', 'wasm-c', 'wasm', 'cpu'] as const;
const STEPS = 15;
/** core/testing's RES_SPEC (that entry needs Node): the residual MLP, width 12, 3 blocks. */
const RES_SPEC: ModelSpec = { dataDim: 2, timeEmbedDim: 8, hiddenDims: [8], learningRate: 3e-3, seed: 5, architecture: 'resmlp', width: 12, nBlocks: 3 };
const here = () => (globalThis as unknown as { location: { href: string } }).location.href;
/** The .wasm files' folder, beside the bundle (the test serves the page at / and, without isolation, at /plain/). */
const WASM = new URL('wasm/', here()).href;

export interface BackendRun {
  id: string;
  ok: boolean;
  reason: string;
  hint?: string;
  losses?: number[];
  /** v(x, t) of the trained model (its moving average) at fixed points, per-point times. */
  predicted?: number[];
  /** Every parameter after training, flattened in paramInfos order. */
  params?: number[];
  step?: number;
  /** Live tfjs tensors after each step, then after two predictions: flat when nothing leaks. */
  tensors?: number[];
  error?: string;
  /** The residual MLP: its losses over 5 steps, or the error code when the backend refuses it. */
  res?: { losses?: number[]; code?: string; message?: string };
}

export interface WorkerResult {
  inWorker: boolean;
  noWasmPaths: { ok: boolean; reason: string; hint?: string };
  auto: { taken: string; report: string[] };
  runs: BackendRun[];
  /** wasm-c on its one-thread module (threads: 1), to compare with its pool's run. */
  wasmC1: BackendRun;
}

/** Fixed regression batches: 64 points, targets a smooth field of (x, t). */
function batches(n: number): TrainBatch[] {
  const rng = createRng(11, 'browser-backends');
  return Array.from({ length: n }, () => {
    const x = rng.fillNormal(new Float32Array(128));
    const t = rng.fillUniform(new Float32Array(64), 0, 1);
    const target = new Float32Array(128);
    for (let i = 0; i < 64; i++) {
      target[2 * i] = Math.sin(x[2 * i + 1]) - t[i];
      target[2 * i + 1] = 0.5 * x[2 * i] * t[i];
    }
    return { x, t, target };
  });
}

async function backendOf(id: string, options: Parameters<typeof browserBackendPlugins>[0]): Promise<BrowserVelocityBackend> {
  const p = browserBackendPlugins(options).find((q) => q.id === id)!;
  return (await p.create({}, undefined as never)) as BrowserVelocityBackend;
}

async function trainOn(id: string, given?: BrowserVelocityBackend): Promise<BackendRun> {
  const backend = given ?? (await backendOf(id, { wasmPaths: WASM, device: id }));
  const probe = await backend.probe();
  if (!probe.ok) return { id, ...probe };
  try {
    const model = await backend.createModelFromState(SPEC, initialState(SPEC));
    const losses: number[] = [];
    const tensors: number[] = [];
    for (const b of batches(STEPS)) {
      losses.push(await model.trainStep(b));
      tensors.push(model.numTensors());
    }
    const x = createRng(5, 'probe-points').fillNormal(new Float32Array(40));
    const t = Float32Array.from({ length: 20 }, (_, i) => i / 19);
    const predicted = Array.from(await model.predict(x, t));
    await model.predict(x, 0.5);
    tensors.push(model.numTensors());
    const state = await model.readState();
    model.dispose();
    return { id, ...probe, losses, predicted, params: state.params.flatMap((a) => Array.from(a)), step: state.step, tensors, res: await trainRes(backend) };
  } catch (e) {
    return { id, ...probe, error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) };
  }
}

async function trainRes(backend: BrowserVelocityBackend): Promise<BackendRun['res']> {
  try {
    const model = await backend.createModel(RES_SPEC);
    const losses: number[] = [];
    for (const b of batches(5)) losses.push(await model.trainStep(b));
    model.dispose();
    return { losses };
  } catch (e) {
    return { code: (e as { code?: string }).code, message: String((e as Error).message) };
  }
}

async function inWorker(): Promise<WorkerResult> {
  // Before any load: wasm without the files' location is passed over, with what to do.
  const noWasmPaths = await (await backendOf('wasm', {})).probe();
  resetBrowserProbes();
  const all = await Promise.all(browserBackendPlugins({ wasmPaths: WASM }).map((p) => p.create({}, undefined as never) as Promise<VelocityBackend>));
  const choice = await selectBackend(all, 'auto');
  const runs: BackendRun[] = [];
  for (const id of IDS) runs.push(await trainOn(id));
  const wasmC1 = await trainOn('wasm-c', browserWasmCBackend({ threads: 1 }));
  return { inWorker: typeof (globalThis as { document?: unknown }).document === 'undefined', noWasmPaths, auto: { taken: choice.backend.id, report: choice.report }, runs, wasmC1 };
}

interface Msg {
  data: { result?: unknown; error?: string };
  message?: string;
}
interface WorkerLike {
  onmessage: (e: Msg) => void;
  onerror: (e: Msg) => void;
  postMessage(m: unknown): void;
}
/** Every backend's probe under `auto`, with the .wasm files looked for in `wasmFolder` (relative to the bundle). */
async function probesOnly(wasmFolder: string): Promise<Record<string, { ok: boolean; reason: string; hint?: string }>> {
  const wasmPaths = new URL(wasmFolder, here()).href;
  const out: Record<string, { ok: boolean; reason: string; hint?: string }> = {};
  for (const id of IDS) out[id] = await (await backendOf(id, { wasmPaths })).probe();
  return out;
}

const g = globalThis as unknown as {
  document?: unknown;
  postMessage(m: unknown): void;
  onmessage: unknown;
  fvBackends?: unknown;
  Worker: new (url: string, o: { type: 'module' }) => WorkerLike;
};
if (g.document === undefined) {
  g.onmessage = async (e: Msg & { data: { wasmFolder?: string } }) => {
    try {
      g.postMessage({ result: e.data.wasmFolder ? await probesOnly(e.data.wasmFolder) : await inWorker() });
    } catch (e) {
      g.postMessage({ error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
    }
  };
} else {
  g.fvBackends = {
    /** Everything (WorkerResult), or with `wasmFolder` only the probes of `auto` with the .wasm files looked for there. */
    run: (wasmFolder?: string) =>
      new Promise((resolve, reject) => {
        const w = new g.Worker(new URL('bundle.js', here()).href, { type: 'module' });
        w.onmessage = (e) => (e.data.error ? reject(new Error(e.data.error)) : resolve(e.data.result));
        w.onerror = (e) => reject(new Error(`worker: ${e.message}`));
        w.postMessage({ wasmFolder });
      }),
  };
}
