/**
 * Rectified flow ("reflow", Liu et al. 2022, "Flow Straight and Fast"): noise x0 is carried through a trained
 * base flow to x1, and a new model, started from the base model's weights, learns the straight line between
 * each x0 and its own x1. Those couples no longer cross, so the new flow's paths are straighter and fewer steps
 * suffice. Applied to a reflow run again, it gives 2-rectified flow, and so on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { FvConfig } from '../../config/schema.js';
import { FvError, errorMessage, isFvError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { VelocityBackend } from '../../ports/backend.js';
import type { Dataset } from '../../ports/dataset.js';
import type { Integrator } from '../../ports/integrator.js';
import type { ConditionSpec, ModelSpec, VelocityModel } from '../../ports/velocity-model.js';
import { createRng } from '../../rng.js';
import { conditionSpecOf } from '../conditions/encoding.js';
import { conditionalReflowCouples } from './conditional-reflow.js';
import { outputLayout } from '../persistence/layout.js';
import { fieldOf } from '../sampling/sample.js';
import { drawSource, type PointSource } from '../sampling/source.js';
import { modelSpecOf } from './train.js';

/** What a reflow run records about where it came from (`<output.dir>/reflow.json`, and metrics.json's `reflow`). */
export interface ReflowRecord {
  /** The base run folder, absolute. */
  base: string;
  /** 1 for a reflow of an ordinary run, k + 1 for a reflow of a k-rectified run. */
  k: number;
  n_pairs: number;
  integrator: string;
  steps: number;
  /** Velocity evaluations of the base model per couple, and the seconds all couples took. */
  nfe: number;
  pair_seconds: number;
  /** A conditional base: the guidance its flow carried the couples with (sampling.guidance). Absent otherwise. */
  guidance?: number;
}

export interface ReflowCouples {
  x0: Float32Array;
  x1: Float32Array;
  nfe: number;
  seconds: number;
  /**
   * A conditional base: each couple's raw condition (encodeConditions: ±1 or one-hot of its class, or its value),
   * the one the base flow carried x0 under. Absent for an unconditional base.
   */
  conditions?: Float32Array;
}

const RECORD_FILE = 'reflow.json';

export function reflowRecordFile(outDir: string): string {
  return path.join(outDir, RECORD_FILE);
}

/** The record of a reflow run folder, or undefined for an ordinary run (or an unreadable record). */
export function readReflowRecord(outDir: string): ReflowRecord | undefined {
  const file = reflowRecordFile(outDir);
  if (!existsSync(file)) return undefined;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as ReflowRecord;
    return Number.isInteger(r?.k) && r.k > 0 ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the record, or removes a stale one when a folder is reused for an ordinary run. */
export async function writeReflowRecord(outDir: string, record: ReflowRecord | undefined): Promise<void> {
  if (record) await writeFileAtomic(reflowRecordFile(outDir), JSON.stringify(record, null, 2) + '\n');
  else await rm(reflowRecordFile(outDir), { force: true });
}

/**
 * ModelSpec keys that set how a model trains, not which function it computes: a reflow run may choose its own.
 * Every other key (widths, time embedding, architecture, …) must match the base's, whatever keys the spec has.
 */
export const TRAINING_SPEC_KEYS: readonly string[] = ['learningRate', 'seed', 'emaDecay'];

/**
 * The ModelSpec keys that `modelSpecOf` takes from `training.*`, found by changing every training value and
 * seeing which spec keys follow: an optimizer setting added to the spec later is sorted with the learning rate
 * without a list to keep up to date. Always includes TRAINING_SPEC_KEYS.
 */
export function trainingSpecKeys(config: FvConfig, specOf: (c: FvConfig) => ModelSpec = modelSpecOf): string[] {
  const changed = Object.fromEntries(
    Object.entries(config.training).map(([k, v]) => [k, typeof v === 'number' ? v * 2 + 1 : typeof v === 'boolean' ? !v : typeof v === 'string' ? `${v}~` : Array.isArray(v) ? [...v, 1] : v]),
  );
  const a = specOf(config) as unknown as Record<string, unknown>;
  const b = specOf({ ...config, training: changed } as unknown as FvConfig) as unknown as Record<string, unknown>;
  const follow = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return [...new Set([...TRAINING_SPEC_KEYS, ...follow])];
}

/** The keys on which the base model's saved spec and the config's differ, as "key: base … , config …". */
export function architectureDifferences(saved: ModelSpec, wanted: ModelSpec, ignore: readonly string[] = TRAINING_SPEC_KEYS): string[] {
  const a = saved as unknown as Record<string, unknown>, b = wanted as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !ignore.includes(k)).sort();
  const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => `${k}: base ${show(a[k])}, config ${show(b[k])}`);
}

/**
 * Draws n source points (the run's `source:`, the standard Gaussian without one) and carries each through the base
 * flow: the couples (x0, x1) that reflow trains on.
 */
export async function reflowCouples(base: VelocityModel, integrator: Integrator, o: { n: number; steps: number; seed: number; source?: PointSource }): Promise<ReflowCouples> {
  const x0 = await drawSource(o.source, o.n, createRng(o.seed, 'reflow-noise'));
  const start = performance.now();
  const res = await integrator.integrate(fieldOf(base), x0, { steps: o.steps });
  for (let i = 0; i < res.x.length; i++) {
    if (!Number.isFinite(res.x[i])) {
      throw new FvError('MODEL_INVALID', 'The base model carries some noise to NaN or infinity: it cannot make couples to train on.', {
        hint: 'Check the base run (fv visualize on it); train it again if its samples are broken.',
      });
    }
  }
  return { x0, x1: Float32Array.from(res.x), nfe: res.nfe, seconds: (performance.now() - start) / 1000 };
}

export interface ReflowPlugins {
  backend: VelocityBackend;
  integrator: Integrator;
  /** Where the base flow starts (the config's `source:`); the standard Gaussian without one. */
  source?: PointSource;
  /** The backend's plugin declares warm start (capabilities.warmStart): it can start from the base's weights. */
  warmStart: boolean;
  /** The run's dataset: a conditional reflow reads its classes (the condition) and its labelled points (the couples' conditions). */
  dataset?: Dataset;
}

export interface PreparedReflow {
  /** The new model, started from the base's weights with a fresh optimizer (built when training starts). */
  createModel(): Promise<VelocityModel>;
  couples: ReflowCouples;
  record: ReflowRecord;
}

/**
 * Everything a reflow run needs before it trains, checked first: the base folder has a model whose architecture
 * is the config's, and the backend can start from it. Then the couples are made with the base model (which is
 * disposed after). Writes nothing.
 */
export async function prepareReflow(config: FvConfig, plugins: ReflowPlugins, log: (m: string) => void = () => undefined, opts: { otherData?: boolean } = {}): Promise<PreparedReflow> {
  const r = config.reflow;
  if (!r.base) {
    throw new FvError('USAGE', 'Rectified flow needs a base run to straighten, and none is given.', {
      hint: 'Name the output folder of a trained run: fv reflow --config <config> --base outputs/trex output.dir=outputs/trex-reflow',
    });
  }
  if (config.flow.path !== 'linear') {
    throw new FvError('USAGE', `Rectified flow trains on straight lines between its couples, but flow.path is '${config.flow.path}'.`, {
      hint: 'Use flow.path=linear (the default) for fv reflow.',
    });
  }
  const baseDir = path.resolve(r.base);
  const shown = path.relative(process.cwd(), baseDir) || baseDir;
  if (baseDir === path.resolve(config.output.dir)) {
    throw new FvError('USAGE', `output.dir is the base run's folder (${shown}): the reflow run would overwrite the model it starts from.`, {
      hint: `Give the reflow run its own folder, e.g. output.dir=${shown}-reflow`,
    });
  }
  if (!opts.otherData) checkSameData(baseDir, shown, config);
  const backend = plugins.backend;
  if (!plugins.warmStart || !backend.createModelFrom) {
    throw new FvError('USAGE', `The '${backend.id}' backend cannot start a model from saved weights, which rectified flow needs.`, {
      hint: 'Use a built-in backend (training.device=auto).',
    });
  }
  const modelDir = outputLayout(baseDir).modelDir;
  let base: VelocityModel;
  try {
    base = await backend.loadModel(modelDir);
  } catch (e) {
    if (isFvError(e) && e.code === 'MODEL_NOT_FOUND') {
      throw new FvError('MODEL_NOT_FOUND', `The base run ${shown} has no trained model (${path.relative(baseDir, modelDir)}/model.json is missing).`, {
        hint: 'Point --base to the output.dir of a finished fv train, fv run or fv reflow.',
        cause: e,
      });
    }
    throw e;
  }
  try {
    // A conditional run's network has the condition input: the spec is built as training builds it.
    const condition = conditionSpecOf(config, plugins.dataset?.classNames);
    checkSameConditioning(base.spec, condition, shown, config.training.cond_dropout);
    const spec = modelSpecOf(config, condition);
    const diffs = architectureDifferences(base.spec, spec, trainingSpecKeys(config));
    if (diffs.length) {
      throw new FvError('MODEL_INVALID', `The base model in ${shown} has another architecture than the config: ${diffs.join('; ')}.`, {
        hint: `A reflow run starts from the base's weights, so model.* must be the base's: use its config (--config ${path.join(shown, 'config.yaml')}) or set model.* to match.`,
      });
    }
    const k = (readReflowRecord(baseDir)?.k ?? 0) + 1;
    if (config.flow.pairing !== 'none') log(`flow.pairing=${config.flow.pairing} does not apply here: the couples are the pairing.`);
    const n = r.n_pairs || config.data.n_samples;
    log(`Reflow ${k}: carrying ${n} noise points through the base flow of ${shown} (${plugins.integrator.id}, ${r.steps} steps)…`);
    const o = { n, steps: r.steps, seed: config.training.seed, source: plugins.source };
    if (condition && !plugins.dataset) throw new FvError('INTERNAL', 'A conditional reflow needs the dataset (the couples take its conditions).');
    const couples = condition ? await conditionalReflowCouples(base, condition, plugins.integrator, { ...o, config, dataset: plugins.dataset! }, log) : await reflowCouples(base, plugins.integrator, o);
    log(`Made ${n} couples in ${couples.seconds.toFixed(2)} s (${couples.nfe} evaluations each); they stay fixed for every epoch.`);
    const record: ReflowRecord = { base: baseDir, k, n_pairs: n, integrator: plugins.integrator.id, steps: r.steps, nfe: couples.nfe, pair_seconds: couples.seconds, ...(condition ? { guidance: config.sampling.guidance } : {}) };
    return { createModel: () => backend.createModelFrom!(spec, modelDir), couples, record };
  } catch (e) {
    throw isFvError(e) ? e : new FvError('INTERNAL', `Making the reflow couples failed: ${errorMessage(e)}`, { cause: e });
  } finally {
    base.dispose();
  }
}

/**
 * A conditional base needs a conditional config and the reverse, said with the key to change (the architecture
 * check after would only say "condDim: base 2, config (none)"). Whether the condition has a null token
 * (training.cond_dropout > 0) is part of the network's input too.
 */
function checkSameConditioning(saved: ModelSpec, condition: ConditionSpec | undefined, shown: string, condDropout: number): void {
  const hint = `A reflow run starts from the base's weights, so it conditions as the base did: use its config (--config ${path.join(shown, 'config.yaml')}) or set the key to match.`;
  if (Boolean(saved.condDim) !== Boolean(condition)) {
    const what = saved.condDim ? `conditional (on ${saved.condition?.on ?? 'a condition'})` : 'unconditional';
    throw new FvError('MODEL_INVALID', `The base model in ${shown} is ${what}, but the config says model.conditional=${Boolean(condition)}.`, {
      hint: `${hint} Set model.conditional=${!condition}.`,
    });
  }
  if (!saved.condition || !condition) return;
  if (saved.condition.on !== condition.on) {
    throw new FvError('MODEL_INVALID', `The base model in ${shown} is conditioned on ${saved.condition.on}, but the config says model.condition=${condition.on}.`, { hint: `${hint} Set model.condition=${saved.condition.on}.` });
  }
  if (Boolean(saved.condition.nullToken) !== Boolean(condition.nullToken)) {
    throw new FvError('MODEL_INVALID', `The base model in ${shown} was trained ${saved.condition.nullToken ? 'with' : 'without'} label dropout (a null token for guidance), but the config has training.cond_dropout=${condDropout}.`, {
      hint: saved.condition.nullToken ? `${hint} Set training.cond_dropout > 0 (e.g. 0.1).` : `${hint} Set training.cond_dropout=0.`,
    });
  }
}

/**
 * A reflow run learns the base flow's couples, but scores and draws against config.data: another dataset than the
 * base's would compare moon samples with a T-Rex without a word. Refused unless asked for (--other-data).
 */
function checkSameData(baseDir: string, shown: string, config: FvConfig): void {
  const file = path.join(baseDir, 'config.yaml');
  if (!existsSync(file)) return;
  let base: { data?: { name?: unknown; options?: unknown } } | null;
  try {
    base = parseYaml(readFileSync(file, 'utf8'));
  } catch {
    return; // a damaged config.yaml says nothing about the data; the model checks follow
  }
  const name = base?.data?.name;
  if (typeof name === 'string' && name !== config.data.name) {
    throw new FvError('USAGE', `The base run ${shown} was trained on '${name}', but this reflow run's data is '${config.data.name}': its scores and pictures would compare with another shape.`, {
      hint: `Leave out --config to use the base's own (${path.join(shown, 'config.yaml')}), set data.name=${name}, or pass --other-data to compare with '${config.data.name}' anyway.`,
    });
  }
}
