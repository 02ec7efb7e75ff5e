import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FvError, errorMessage, type ModelSpec, type OptimizerSpec } from '@flow-visualizer/core';
import { READ_LIMITS, outputError, readFileCapped } from '@flow-visualizer/core/node';
import { checkSpec, isResMlp, paramInfos } from './spec.js';
import { ADAM, type MlpState } from './state.js';
import { usesEma } from './ema.js';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';
const FORMAT = 'flow-visualizer/mlp-velocity';

interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
  /** 'optimizer' for Adam moments, as tfjs marks optimizer weights saved with includeOptimizer. */
  group?: string;
}

/** model.json: tfjs's layout (modelTopology + weightsManifest) with our own architecture block and Adam state. */
export interface ModelJson {
  format: typeof FORMAT;
  formatVersion: 1;
  generatedBy: string;
  /** The backend that trained it; any backend can load it. */
  backend: string;
  modelTopology: {
    class_name: 'FvVelocityMLP';
    config: Omit<ModelSpec, 'optimizer'> & { activation: 'silu'; timeEmbedding: string };
  };
  weightsManifest: { paths: string[]; weights: WeightEntry[] }[];
  optimizer: {
    class_name: 'Adam' | 'AdamW';
    step: number;
    beta1: number;
    beta2: number;
    epsilon: number;
    learningRate: number;
    /** Present when the spec has an optimizer block (see OptimizerSpec); absent: plain Adam, constant rate. */
    weightDecay?: number;
    gradClip?: number;
    lrSchedule?: OptimizerSpec['schedule'];
    warmupSteps?: number;
    totalSteps?: number;
  };
}

const MLP_EMBEDDING = 'sinusoidal, freqs = exp(linspace(0, ln 1000, dim/2))';
const RES_EMBEDDING = 'sin/cos(k·pi·t), k = 1..(width - dataDim)/2, concatenated to x';

/** model.json's optimizer block for a spec. */
function optimizerJson(spec: ModelSpec, step: number): ModelJson['optimizer'] {
  const o = spec.optimizer;
  const base = { step, ...ADAM, learningRate: spec.learningRate };
  if (!o) return { class_name: 'Adam', ...base };
  return {
    class_name: o.kind === 'adamw' ? 'AdamW' : 'Adam',
    ...base,
    weightDecay: o.weightDecay,
    gradClip: o.gradClip,
    lrSchedule: o.schedule,
    warmupSteps: o.warmupSteps,
    totalSteps: o.totalSteps,
  };
}

/** The OptimizerSpec recorded in model.json's optimizer block (undefined: plain Adam). */
function optimizerOf(j: ModelJson['optimizer']): OptimizerSpec | undefined {
  if (j?.lrSchedule === undefined) return undefined;
  return {
    kind: j.class_name === 'AdamW' ? 'adamw' : 'adam',
    weightDecay: j.weightDecay!,
    gradClip: j.gradClip!,
    schedule: j.lrSchedule,
    warmupSteps: j.warmupSteps!,
    totalSteps: j.totalSteps!,
  };
}

/**
 * The weights first (what a reader predicts with: the moving average when the spec keeps one), then Adam's m and
 * v, then, with a moving average, the raw weights Adam goes on from (needed only to resume training).
 */
function manifest(spec: ModelSpec): WeightEntry[] {
  const infos = paramInfos(spec);
  const w = (prefix: string, group?: string) =>
    infos.map((p) => ({ name: prefix + p.name, shape: p.shape, dtype: 'float32' as const, ...(group ? { group } : {}) }));
  const raw = usesEma(spec) ? w('optimizer/params/', 'optimizer') : [];
  return [...w(''), ...w('optimizer/adam_m/', 'optimizer'), ...w('optimizer/adam_v/', 'optimizer'), ...raw];
}

let counter = 0;

/**
 * Writes model.json + weights.bin (parameters, then Adam m and v) into `dir` as one unit: everything goes into
 * a fresh sibling folder that then replaces `dir` by rename, so a reader never sees a half-written model.
 */
export async function saveMlp(dir: string, spec: ModelSpec, backend: string, state: MlpState): Promise<void> {
  const json: ModelJson = {
    format: FORMAT,
    formatVersion: 1,
    generatedBy: '@flow-visualizer/backends',
    backend,
    modelTopology: {
      class_name: 'FvVelocityMLP',
      config: {
        dataDim: spec.dataDim,
        timeEmbedDim: spec.timeEmbedDim,
        hiddenDims: [...spec.hiddenDims],
        learningRate: spec.learningRate,
        seed: spec.seed,
        ...(usesEma(spec) ? { emaDecay: spec.emaDecay } : {}),
        ...(isResMlp(spec) ? { architecture: 'resmlp' as const, width: spec.width, nBlocks: spec.nBlocks } : {}),
        activation: 'silu',
        timeEmbedding: isResMlp(spec) ? RES_EMBEDDING : MLP_EMBEDDING,
      },
    },
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: manifest(spec) }],
    optimizer: optimizerJson(spec, state.step),
  };
  const ema = usesEma(spec);
  const arrays = ema ? [...(state.ema ?? state.params), ...state.m, ...state.v, ...state.params] : [...state.params, ...state.m, ...state.v];
  const bytes = new Uint8Array(arrays.reduce((s, a) => s + a.byteLength, 0));
  let off = 0;
  for (const a of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
    off += a.byteLength;
  }
  const abs = path.resolve(dir);
  const tmp = `${abs}.tmp-${process.pid}-${counter++}`;
  const old = `${abs}.old-${process.pid}-${counter++}`;
  try {
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    await writeFile(path.join(tmp, WEIGHTS_FILE), bytes);
    await writeFile(path.join(tmp, MODEL_FILE), JSON.stringify(json, null, 2) + '\n');
    if (existsSync(abs)) await rename(abs, old);
    await rename(tmp, abs);
    await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    if (!existsSync(abs) && existsSync(old)) await rename(old, abs).catch(() => undefined);
    throw outputError(abs, e);
  }
}

/** Reads a model written by saveMlp; MODEL_NOT_FOUND when there is none, MODEL_INVALID when it is damaged. */
export async function loadMlp(requested: string): Promise<{ spec: ModelSpec; state: MlpState; backend: string }> {
  const shown = path.relative(process.cwd(), requested) || requested;
  const dir = savedFolder(requested);
  const file = path.join(dir, MODEL_FILE);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new FvError('MODEL_NOT_FOUND', `No trained model in ${shown} (${MODEL_FILE} is missing).`, {
      hint: 'Run `fv train --config <config>` first, or point to the output folder of a finished run.',
    });
  }
  const invalid = (why: string, cause?: unknown) =>
    new FvError('MODEL_INVALID', `The model in ${shown} is damaged: ${why}.`, {
      hint: 'Delete that folder and train again (fv train); a model is only readable when written completely.',
      cause,
    });
  let json: ModelJson;
  try {
    json = JSON.parse(readFileCapped(file, 16 * 1024 * 1024, 'Model file', 'MODEL_INVALID').toString('utf8')) as ModelJson;
  } catch (e) {
    if (e instanceof FvError) throw e;
    throw invalid(`${MODEL_FILE} is not valid JSON (${errorMessage(e)})`, e);
  }
  if (json?.format !== FORMAT || json.modelTopology?.class_name !== 'FvVelocityMLP') {
    throw invalid(`${MODEL_FILE} is not a Flow Visualizer velocity model`);
  }
  const c = json.modelTopology.config ?? ({} as ModelSpec);
  const spec: ModelSpec = {
    dataDim: c.dataDim,
    timeEmbedDim: c.timeEmbedDim,
    hiddenDims: Array.isArray(c.hiddenDims) ? [...c.hiddenDims] : c.hiddenDims,
    learningRate: c.learningRate,
    seed: c.seed,
    ...(c.emaDecay !== undefined ? { emaDecay: c.emaDecay } : {}),
    ...(c.architecture !== undefined && c.architecture !== 'mlp' ? { architecture: c.architecture, width: c.width, nBlocks: c.nBlocks } : {}),
  };
  const optimizer = optimizerOf(json.optimizer);
  if (optimizer) spec.optimizer = optimizer;
  checkSpec(spec, 'MODEL_INVALID');
  const step = json.optimizer?.step;
  if (!Number.isInteger(step) || step < 0) throw invalid('the optimizer step count is missing');
  const expected = manifest(spec);
  const group = json.weightsManifest?.[0];
  const entries = group?.weights;
  if (json.weightsManifest.length !== 1 || !Array.isArray(entries) || entries.length !== expected.length) {
    throw invalid(`the weights manifest does not list the ${expected.length} arrays the recorded architecture has`);
  }
  entries.forEach((e, i) => {
    const want = expected[i];
    if (e.name !== want.name || e.dtype !== 'float32' || JSON.stringify(e.shape) !== JSON.stringify(want.shape)) {
      throw invalid(`weight ${i} is ${e.name} ${JSON.stringify(e.shape)}, but the architecture needs ${want.name} ${JSON.stringify(want.shape)}`);
    }
  });
  const weightsFile = path.join(dir, String(group.paths?.[0] ?? WEIGHTS_FILE));
  let buf: Buffer;
  try {
    buf = readFileCapped(weightsFile, READ_LIMITS.model, 'Weights file', 'MODEL_INVALID');
  } catch (e) {
    if (e instanceof FvError) throw e;
    throw invalid(`${path.basename(weightsFile)} cannot be read (${errorMessage(e)})`, e);
  }
  const sizes = paramInfos(spec).map((p) => p.size);
  const ema = usesEma(spec);
  const total = (ema ? 4 : 3) * sizes.reduce((s, n) => s + n, 0) * 4;
  if (buf.byteLength !== total) throw invalid(`${path.basename(weightsFile)} has ${buf.byteLength} bytes, the architecture needs ${total}`);
  // Copy into an aligned buffer: Buffer slices may start at any byte offset.
  const all = new Float32Array(total / 4);
  new Uint8Array(all.buffer).set(buf);
  for (let i = 0; i < all.length; i++) if (!Number.isFinite(all[i])) throw invalid('the weights contain NaN or infinite values');
  let off = 0;
  const take = () =>
    sizes.map((n) => {
      const a = all.subarray(off, off + n);
      off += n;
      return a;
    });
  const weights = take(), m = take(), v = take();
  const state: MlpState = ema ? { params: take(), m, v, step, ema: weights } : { params: weights, m, v, step };
  return { spec, state, backend: String(json.backend ?? '') };
}

/**
 * The folder to read: `dir` itself, or, when a crash between saveMlp's two renames left it missing, the newest
 * complete sibling of that swap (`<dir>.tmp-*`, whose model.json is written last, then `<dir>.old-*`).
 */
function savedFolder(dir: string): string {
  if (existsSync(path.join(dir, MODEL_FILE))) return dir;
  const abs = path.resolve(dir);
  const parent = path.dirname(abs);
  if (!existsSync(parent)) return dir;
  const base = path.basename(abs);
  const complete = (name: string) => existsSync(path.join(parent, name, MODEL_FILE)) && existsSync(path.join(parent, name, WEIGHTS_FILE));
  const names = readdirSync(parent);
  const byAge = (a: string, b: string) => statSync(path.join(parent, b, MODEL_FILE)).mtimeMs - statSync(path.join(parent, a, MODEL_FILE)).mtimeMs;
  const tmp = names.filter((n) => n.startsWith(`${base}.tmp-`) && complete(n)).sort(byAge);
  const old = names.filter((n) => n.startsWith(`${base}.old-`) && complete(n)).sort(byAge);
  const found = tmp[0] ?? old[0];
  return found ? path.join(parent, found) : dir;
}
