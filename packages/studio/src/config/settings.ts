/**
 * The studio's settings are config values (the nested shape a YAML file has, the CLI's keys); this file knows
 * which keys the page changes and what a change means for the current model.
 */
import { ConfigSchema, defaultConfig, modelSpecOf, validateWith, type FvConfig } from '@flow-visualizer/core';
import type { ConfigValues } from '../worker/protocol.js';

/** Keys that only change how the current model is sampled: a change re-samples, never retrains. */
export const SAMPLING_KEYS = [
  'visualization.integrator',
  'visualization.n_sampling_steps',
  'visualization.integrator_options',
  'visualization.n_generated',
  // A conditional model's class, value and guidance weight: chosen at sampling time, never trained on.
  'sampling.class',
  'sampling.condition',
  'sampling.guidance',
] as const;
/** Sections whose keys define the model and its training: a change there starts a fresh model... */
const MODEL_SECTIONS = ['data', 'source', 'model', 'training', 'flow'] as const;
/** ...except these, which change neither the model nor its samples (more epochs continue the same training). */
export const CONTINUE_KEYS = ['training.n_epochs', 'training.log_interval', 'training.checkpoint_every', 'training.evolution_snapshots', 'flow.pairing_workers'] as const;

/**
 * ...and these, which change how the optimiser steps but not what it optimises: the weights, Adam's moments and
 * step count carry over to a model of the new settings (a rate, a batch size, a moving average, a schedule are
 * all valid from any starting point), so training goes on from where it stands.
 */
export const RETUNE_KEYS = [
  'training.learning_rate',
  'training.batch_size',
  'training.ema_decay',
  'training.lr_schedule',
  'training.warmup_steps',
  'training.weight_decay',
  'training.grad_clip',
  'training.optimizer',
] as const;

/** 'retune': the same weights and optimiser state go on under new optimiser settings. */
export type ChangeKind = 'none' | 'continue' | 'resample' | 'retune' | 'reset';

/** What a change of `key` does to a trained model, as the page says beside its control before it is made. */
export function keyChangeKind(key: string): 'reset' | 'retune' | 'resample' | 'continue' {
  if ((SAMPLING_KEYS as readonly string[]).includes(key)) return 'resample';
  if ((RETUNE_KEYS as readonly string[]).includes(key) || key === 'training.n_epochs') return 'retune';
  if ((CONTINUE_KEYS as readonly string[]).includes(key)) return 'continue';
  return MODEL_SECTIONS.some((s) => key.startsWith(`${s}.`)) ? 'reset' : 'continue';
}

/** What a move from config `a` to config `b` asks of the current model. */
export function changeKind(a: FvConfig, b: FvConfig): ChangeKind {
  const pick = (c: FvConfig, keys: readonly string[], sections: readonly string[]) => {
    const src = c as unknown as Record<string, Record<string, unknown>>;
    const out: Record<string, unknown> = {};
    for (const s of sections) out[s] = { ...src[s] };
    for (const k of keys) {
      const [section, leaf] = k.split('.');
      if (sections.includes(section)) delete (out[section] as Record<string, unknown>)[leaf];
      else out[k] = src[section]?.[leaf];
    }
    return JSON.stringify(out);
  };
  const kept = [...CONTINUE_KEYS, ...RETUNE_KEYS];
  if (pick(a, kept, MODEL_SECTIONS) !== pick(b, kept, MODEL_SECTIONS)) return 'reset';
  // The model's spec holds the optimiser settings (a decaying schedule's length too, from n_epochs and the batch).
  const optimiser = (c: FvConfig) => JSON.stringify([RETUNE_KEYS.map((k) => getKey(c as unknown as ConfigValues, k)), modelSpecOf(c)]);
  if (optimiser(a) !== optimiser(b)) return 'retune';
  const sampling = (c: FvConfig) => JSON.stringify(SAMPLING_KEYS.map((k) => getKey(c as unknown as ConfigValues, k)));
  if (sampling(a) !== sampling(b)) return 'resample';
  return JSON.stringify(a) !== JSON.stringify(b) ? 'continue' : 'none';
}

/** Reads a dotted key of nested values (undefined when absent). */
export function getKey(values: ConfigValues, key: string): unknown {
  let o: unknown = values;
  for (const part of key.split('.')) {
    if (!o || typeof o !== 'object') return undefined;
    o = (o as Record<string, unknown>)[part];
  }
  return o;
}

/** A copy of `values` with the dotted key set (undefined removes it). */
export function setKey(values: ConfigValues, key: string, value: unknown): ConfigValues {
  const out = structuredClone(values);
  const parts = key.split('.');
  let o = out as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) {
    if (!o[part] || typeof o[part] !== 'object') o[part] = {};
    o = o[part] as Record<string, unknown>;
  }
  const leaf = parts[parts.length - 1];
  if (value === undefined) delete o[leaf];
  else o[leaf] = value;
  return out;
}

/** The CLI's defaults (configs/base.yaml) as plain values. */
export function defaultValues(): ConfigValues {
  return structuredClone(defaultConfig()) as unknown as ConfigValues;
}

/** Values validated by the CLI's schema, with every default filled in; throws the CLI's CONFIG_INVALID FvError. */
export function parseValues(values: ConfigValues): FvConfig {
  const { extends: _e, ...rest } = validateWith(ConfigSchema, values);
  return rest as FvConfig;
}
