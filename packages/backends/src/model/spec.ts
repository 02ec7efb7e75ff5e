import { FvError, type ModelSpec } from '@flow-visualizer/core';
import { fourierProblems, fourierRowWidth } from './fourier-features.js';

/** One dense layer's shape: kernel [inDim, outDim] (x @ W, the tfjs convention) and bias [outDim]. */
export interface LayerShape {
  inDim: number;
  outDim: number;
}

/** Floats of condition per point (0: unconditional). */
export function condDimOf(spec: ModelSpec): number {
  return spec.condDim ?? 0;
}

/**
 * Floats per input row the nets read: the point (with Fourier features, [x, sin(2π·B·x), cos(2π·B·x)]), then its
 * condition ([x, c]); the callers pack them (engine-model.ts), so that sources, worker threads and the C addon
 * split rows as before.
 */
export function inputDimOf(spec: ModelSpec): number {
  return fourierRowWidth(spec) + condDimOf(spec);
}

/** The dense layers of the MLP: (dataDim + condDim + timeEmbedDim) → hiddenDims… → dataDim. */
export function layerShapes(spec: ModelSpec): LayerShape[] {
  const dims = [inputDimOf(spec) + spec.timeEmbedDim, ...spec.hiddenDims, spec.dataDim];
  return dims.slice(1).map((outDim, i) => ({ inDim: dims[i], outDim }));
}

/** A named parameter in save order: dense_0/kernel, dense_0/bias, dense_1/kernel, … */
export interface ParamInfo {
  name: string;
  shape: number[];
  size: number;
}

export function paramInfos(spec: ModelSpec): ParamInfo[] {
  if (isResMlp(spec)) return resParamInfos(spec);
  if (isResNet(spec)) return resnetParamInfos(spec);
  return layerShapes(spec).flatMap((l, i) => [
    { name: `dense_${i}/kernel`, shape: [l.inDim, l.outDim], size: l.inDim * l.outDim },
    { name: `dense_${i}/bias`, shape: [l.outDim], size: l.outDim },
  ]);
}

/** Rejects specs the model cannot be built from (a clear message rather than a shape error deep in tfjs). */
export function checkSpec(spec: ModelSpec, code: 'CONFIG_INVALID' | 'MODEL_INVALID' = 'CONFIG_INVALID'): void {
  const int = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
  const problems: string[] = [];
  if (!int(spec.dataDim)) problems.push(`dataDim must be a positive integer (got ${spec.dataDim})`);
  if (!int(spec.timeEmbedDim) || spec.timeEmbedDim % 2 !== 0) {
    problems.push(`timeEmbedDim must be a positive even integer (sin and cos halves; got ${spec.timeEmbedDim})`);
  }
  if (!Array.isArray(spec.hiddenDims) || !spec.hiddenDims.every(int)) problems.push('hiddenDims must be positive integers');
  if (!(typeof spec.learningRate === 'number' && spec.learningRate > 0)) problems.push('learningRate must be > 0');
  if (!Number.isFinite(spec.seed)) problems.push('seed must be a number');
  if (spec.architecture !== undefined && !['mlp', 'resmlp', 'resnet'].includes(spec.architecture)) {
    problems.push(`architecture must be mlp, resmlp or resnet (got ${spec.architecture})`);
  }
  if (spec.condDim !== undefined && !(Number.isInteger(spec.condDim) && spec.condDim >= 0 && spec.condDim <= 1024)) {
    problems.push(`condDim must be an integer in 0…1024 (got ${spec.condDim})`);
  }
  if (isResMlp(spec) && condDimOf(spec) > 0) problems.push('resmlp has no conditional form (model.conditional needs architecture mlp or resnet)');
  if (isResNet(spec)) {
    if (!int(spec.nBlocks)) problems.push(`nBlocks must be a positive integer (got ${spec.nBlocks})`);
    if (!int(spec.width)) problems.push(`width must be a positive integer (got ${spec.width})`);
    if (!int(spec.expansion)) problems.push(`expansion must be a positive integer (got ${spec.expansion})`);
    if (spec.activation !== 'gelu' && spec.activation !== 'silu') problems.push(`activation must be gelu or silu (got ${spec.activation})`);
  }
  if (isResMlp(spec)) {
    if (!int(spec.nBlocks)) problems.push(`nBlocks must be a positive integer (got ${spec.nBlocks})`);
    if (!int(spec.width) || spec.width! <= spec.dataDim || (spec.width! - spec.dataDim) % 2 !== 0) {
      problems.push(`width must exceed dataDim by a positive even number (x, then as many sines as cosines; got ${spec.width})`);
    }
  }
  problems.push(...fourierProblems(spec));
  problems.push(...optimizerProblems(spec.optimizer));
  if (spec.emaDecay !== undefined && !(typeof spec.emaDecay === 'number' && spec.emaDecay >= 0 && spec.emaDecay < 1)) {
    problems.push(`emaDecay must be in [0, 1) (got ${spec.emaDecay})`);
  }
  if (problems.length) {
    throw new FvError(code, `Invalid model architecture: ${problems.join('; ')}.`, {
      hint: code === 'MODEL_INVALID' ? 'Delete the model folder and train again (fv train).' : 'Fix model.* in the config.',
    });
  }
}

/** Whether the spec asks for the residual MLP. */
export function isResMlp(spec: ModelSpec): boolean {
  return spec.architecture === 'resmlp';
}

/** Whether the spec asks for the C2OT playground's residual network (input and time projections, expanded blocks). */
export function isResNet(spec: ModelSpec): boolean {
  return spec.architecture === 'resnet';
}

/**
 * The residual network's parameters, as PyTorch's SimpleNet names them (kernels [in, out]): input_proj (d → w),
 * time_emb (1 → w), per block linear1 (w → w·expansion) and linear2 (back to w), output_proj (w → d); each kernel
 * followed by its bias, so that nn.Linear's default init reads every bias's fan-in from the kernel before it.
 * A conditional one (ConditionalNet) adds cond_proj (condDim → w) last, so that every other parameter starts as the
 * unconditional net's of the same seed.
 */
function resnetParamInfos(spec: ModelSpec): ParamInfo[] {
  const w = spec.width!, d = spec.dataDim, hid = w * spec.expansion!, cd = condDimOf(spec);
  const dense = (name: string, i: number, o: number): ParamInfo[] => [
    { name: `${name}/kernel`, shape: [i, o], size: i * o },
    { name: `${name}/bias`, shape: [o], size: o },
  ];
  return [
    ...dense('input_proj', d, w),
    ...dense('time_emb', 1, w),
    ...Array.from({ length: spec.nBlocks! }, (_, b) => [...dense(`block_${b}/linear1`, w, hid), ...dense(`block_${b}/linear2`, hid, w)]).flat(),
    ...dense('output_proj', w, d),
    ...(cd > 0 ? dense('cond_proj', cd, w) : []),
  ];
}

/**
 * The residual MLP's parameters: block_i/kernel [width, width] (no bias), then the output layer's kernel
 * [width, dataDim] and bias [dataDim].
 */
function resParamInfos(spec: ModelSpec): ParamInfo[] {
  const w = spec.width!, d = spec.dataDim;
  return [
    ...Array.from({ length: spec.nBlocks! }, (_, i) => ({ name: `block_${i}/kernel`, shape: [w, w], size: w * w })),
    { name: 'output/kernel', shape: [w, d], size: w * d },
    { name: 'output/bias', shape: [d], size: d },
  ];
}

/** The residual MLP's time frequencies kπ, k = 1…(width − dataDim)/2: its embedding is [sin(kπt)…, cos(kπt)…]. */
export function resTimeFrequencies(spec: ModelSpec): Float32Array {
  const half = (spec.width! - spec.dataDim) / 2;
  return Float32Array.from({ length: half }, (_, k) => (k + 1) * Math.PI);
}

function optimizerProblems(o: ModelSpec['optimizer']): string[] {
  if (o === undefined) return [];
  const p: string[] = [];
  const nonNeg = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (o.kind !== 'adam' && o.kind !== 'adamw') p.push(`optimizer must be adam or adamw (got ${o.kind})`);
  if (!nonNeg(o.weightDecay)) p.push(`weight decay must be >= 0 (got ${o.weightDecay})`);
  if (!nonNeg(o.gradClip)) p.push(`gradient clip must be >= 0 (got ${o.gradClip})`);
  if (!['constant', 'linear_decay', 'cosine'].includes(o.schedule)) p.push(`lr schedule must be constant, linear_decay or cosine (got ${o.schedule})`);
  if (!Number.isInteger(o.warmupSteps) || o.warmupSteps < 0) p.push(`warm-up steps must be an integer >= 0 (got ${o.warmupSteps})`);
  if (!Number.isInteger(o.totalSteps) || o.totalSteps < 1) p.push(`total steps must be a positive integer (got ${o.totalSteps})`);
  return p;
}

/**
 * Frequencies of the sinusoidal time embedding, as the reference: exp(linspace(0, ln 1000, dim/2)).
 * The embedding of t is [sin(t·f), cos(t·f)].
 */
export function timeFrequencies(timeEmbedDim: number): Float32Array {
  const half = timeEmbedDim / 2;
  const out = new Float32Array(half);
  const top = Math.log(1000);
  for (let k = 0; k < half; k++) out[k] = Math.exp(half === 1 ? 0 : (top * k) / (half - 1));
  return out;
}
