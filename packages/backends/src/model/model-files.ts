import { FvError, errorMessage, type ModelSpec, type OptimizerSpec } from '@flow-visualizer/core';
import { checkSpec, isResMlp, isResNet, paramInfos } from './spec.js';
import { ADAM, type MlpState } from './state.js';
import { usesEma } from './ema.js';

/**
 * The one format of a saved velocity model, as bytes: model.json + weights.bin (tfjs's layout with our own
 * architecture block and Adam state). No Node import, so that a page encodes exactly the files `fv visualize`
 * loads and decodes the files `fv run` writes; store.ts adds the folder (atomic write, crash recovery) in Node.
 */

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
    config: Omit<ModelSpec, 'optimizer'> & { activation: 'silu' | 'gelu'; timeEmbedding: string };
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

/** The two files of a model, as a page downloads them or a folder holds them. */
export interface ModelFiles {
  /** model.json's text. */
  modelJson: string;
  /** weights.bin's bytes. */
  weights: Uint8Array;
}

/** What model.json says, checked: the spec, the optimizer step, the weights file it names, the backend. */
export interface ModelHeader {
  spec: ModelSpec;
  step: number;
  /** The weights file named in the manifest (weights.bin), relative to model.json's folder. */
  weightsPath: string;
  backend: string;
}

/** model.json larger than this is not one of ours (ours are a few kB). */
export const MAX_MODEL_JSON_BYTES = 16 * 1024 * 1024;

const MLP_EMBEDDING = 'sinusoidal, freqs = exp(linspace(0, ln 1000, dim/2))';
const RES_EMBEDDING = 'sin/cos(k·pi·t), k = 1..(width - dataDim)/2, concatenated to x';
const RESNET_EMBEDDING = 'linear: time_emb(t) = t·W + b added to input_proj(x)';

function timeEmbeddingOf(spec: ModelSpec): string {
  return isResMlp(spec) ? RES_EMBEDDING : isResNet(spec) ? RESNET_EMBEDDING : MLP_EMBEDDING;
}

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

/** model.json's object for a model (what encodeModelFiles writes as text). */
export function modelJsonOf(spec: ModelSpec, state: MlpState, backend: string): ModelJson {
  return {
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
        ...(isResNet(spec) ? { architecture: 'resnet' as const, width: spec.width, nBlocks: spec.nBlocks, expansion: spec.expansion } : {}),
        activation: isResNet(spec) ? spec.activation! : 'silu',
        timeEmbedding: timeEmbeddingOf(spec),
        // A conditional model: its input width and what the condition is (class count, names, null token), so
        // that `fv sample` and `fv visualize` reload it as it was trained.
        ...(spec.condDim ? { condDim: spec.condDim, ...(spec.condition ? { condition: spec.condition } : {}) } : {}),
        // Fourier features: B itself, so that the model reads the same features wherever it is loaded.
        ...(spec.fourier ? { fourier: { features: spec.fourier.features, scale: spec.fourier.scale, b: [...spec.fourier.b] } } : {}),
      },
    },
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: manifest(spec) }],
    optimizer: optimizerJson(spec, state.step),
  };
}

/**
 * A model as the two files of `models/velocity_net/`: model.json (pretty-printed, as saved by `fv train`) and
 * weights.bin (the weights, Adam's m and v, and with a moving average the raw weights, float32 little-endian).
 */
export function encodeModelFiles(spec: ModelSpec, state: MlpState, backend: string): ModelFiles {
  checkSpec(spec);
  const sizes = paramInfos(spec).map((p) => p.size);
  const ema = usesEma(spec);
  const arrays = ema ? [...(state.ema ?? state.params), ...state.m, ...state.v, ...state.params] : [...state.params, ...state.m, ...state.v];
  const want = ema ? [...sizes, ...sizes, ...sizes, ...sizes] : [...sizes, ...sizes, ...sizes];
  if (arrays.length !== want.length || arrays.some((a, i) => a.length !== want[i])) {
    throw new FvError('INTERNAL', `The model state does not fit its architecture (${arrays.length} arrays, ${want.length} needed, or a size differs).`);
  }
  const weights = new Uint8Array(arrays.reduce((s, a) => s + a.byteLength, 0));
  let off = 0;
  for (const a of arrays) {
    weights.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
    off += a.byteLength;
  }
  return { modelJson: JSON.stringify(modelJsonOf(spec, state, backend), null, 2) + '\n', weights };
}

/** A trained model (an MlpEngineModel: the page's or the CLI's) as its two files. */
export async function encodeModel(model: { spec: ModelSpec; backend: string; readState(): Promise<MlpState> }): Promise<ModelFiles> {
  return encodeModelFiles(model.spec, await model.readState(), model.backend);
}

/** MODEL_INVALID for the model named `shown`, with the hint every damaged model gets. */
export function invalidModel(shown: string, why: string, cause?: unknown): FvError {
  return new FvError('MODEL_INVALID', `The model in ${shown} is damaged: ${why}.`, {
    hint: 'Delete that folder and train again (fv train); a model is only readable when written completely.',
    cause,
  });
}

/**
 * Reads and checks model.json's text: MODEL_INVALID ("The model in <shown> is damaged: …") when it is not JSON,
 * not ours, or its manifest does not list the arrays its architecture has.
 */
export function parseModelJson(text: string, shown: string): ModelHeader {
  if (text.length > MAX_MODEL_JSON_BYTES) throw invalidModel(shown, `${MODEL_FILE} is larger than ${MAX_MODEL_JSON_BYTES / 1024 / 1024} MiB`);
  let json: ModelJson;
  try {
    json = JSON.parse(text) as ModelJson;
  } catch (e) {
    throw invalidModel(shown, `${MODEL_FILE} is not valid JSON (${errorMessage(e)})`, e);
  }
  if (json?.format !== FORMAT || json.modelTopology?.class_name !== 'FvVelocityMLP') {
    throw invalidModel(shown, `${MODEL_FILE} is not a Flow Visualizer velocity model`);
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
    ...(c.architecture === 'resnet' ? { expansion: c.expansion, activation: c.activation } : {}),
    ...(c.condDim ? { condDim: c.condDim, ...(c.condition ? { condition: c.condition } : {}) } : {}),
    ...(c.fourier !== undefined ? { fourier: c.fourier } : {}),
  };
  const optimizer = optimizerOf(json.optimizer);
  if (optimizer) spec.optimizer = optimizer;
  checkSpec(spec, 'MODEL_INVALID');
  const step = json.optimizer?.step;
  if (!Number.isInteger(step) || step < 0) throw invalidModel(shown, 'the optimizer step count is missing');
  const expected = manifest(spec);
  const groups = json.weightsManifest;
  const entries = Array.isArray(groups) ? groups[0]?.weights : undefined;
  if (!Array.isArray(groups) || groups.length !== 1 || !Array.isArray(entries) || entries.length !== expected.length) {
    throw invalidModel(shown, `the weights manifest does not list the ${expected.length} arrays the recorded architecture has`);
  }
  entries.forEach((e, i) => {
    const want = expected[i];
    if (e?.name !== want.name || e.dtype !== 'float32' || JSON.stringify(e.shape) !== JSON.stringify(want.shape)) {
      throw invalidModel(shown, `weight ${i} is ${e?.name} ${JSON.stringify(e?.shape)}, but the architecture needs ${want.name} ${JSON.stringify(want.shape)}`);
    }
  });
  const weightsPath = String(groups[0].paths?.[0] ?? WEIGHTS_FILE);
  if (!insideFolder(weightsPath)) {
    throw invalidModel(shown, `its weights path ${JSON.stringify(weightsPath.slice(0, 100))} leads outside the model's folder; fv reads weights only from beside model.json`);
  }
  return { spec, step, weightsPath, backend: String(json.backend ?? '') };
}

/**
 * A weights path that stays in the model's folder: relative, no '..' segment, no drive or empty name. Checked on
 * the text, so the CLI and a page (which has no file system to resolve against) refuse the same paths.
 */
function insideFolder(p: string): boolean {
  if (p === '' || p.length > 255 || /^[\\/]|^[A-Za-z]:|\0/.test(p)) return false;
  return p.split(/[\\/]/).every((seg) => seg !== '..' && seg !== '');
}

/** Splits weights.bin's bytes into the state model.json describes; MODEL_INVALID for a wrong size or NaN. */
export function decodeWeights(header: ModelHeader, bytes: Uint8Array | ArrayBuffer, shown: string): MlpState {
  const { spec, step } = header;
  const name = header.weightsPath.split(/[\\/]/).pop() || WEIGHTS_FILE;
  const buf = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const sizes = paramInfos(spec).map((p) => p.size);
  const ema = usesEma(spec);
  const total = (ema ? 4 : 3) * sizes.reduce((s, n) => s + n, 0) * 4;
  if (buf.byteLength !== total) throw invalidModel(shown, `${name} has ${buf.byteLength} bytes, the architecture needs ${total}`);
  // Copy into an aligned buffer: a slice of a larger buffer may start at any byte offset.
  const all = new Float32Array(total / 4);
  new Uint8Array(all.buffer).set(buf);
  for (let i = 0; i < all.length; i++) if (!Number.isFinite(all[i])) throw invalidModel(shown, 'the weights contain NaN or infinite values');
  let off = 0;
  const take = () =>
    sizes.map((n) => {
      const a = all.subarray(off, off + n);
      off += n;
      return a;
    });
  const weights = take(), m = take(), v = take();
  return ema ? { params: take(), m, v, step, ema: weights } : { params: weights, m, v, step };
}

/**
 * model.json's text + weights.bin's bytes → the spec and the state to predict with or go on training from, with
 * the messages `fv visualize` gives for the same files. `shown` names the model in messages (a folder or file name).
 */
export function decodeModelFiles(modelJson: string, weights: Uint8Array | ArrayBuffer, shown: string): { spec: ModelSpec; state: MlpState; backend: string } {
  const header = parseModelJson(modelJson, shown);
  return { spec: header.spec, state: decodeWeights(header, weights, shown), backend: header.backend };
}
