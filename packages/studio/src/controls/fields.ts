/**
 * The settings the page offers, by the CLI's config keys, grouped as the issue lists them. Defaults are not
 * written here: they come from the CLI's schema (ConfigSchema), so a setting means the same in both.
 */
import type { NumberLimits } from '@flow-visualizer/core';
import type { Catalog } from './catalog.js';
import { clipMessage } from './clip-message.js';

export type FieldKind = 'select' | 'number' | 'integer' | 'list' | 'boolean';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  choices?: string[];
  /** What a choice shows where it is not the config value itself (e.g. points: 'drawn'). */
  choiceText?: Record<string, string>;
  /** Shown on phones above the plots (the rest folds into sections below them). */
  main?: boolean;
  title?: string;
}

export interface FieldGroup {
  id: string;
  title: string;
  fields: FieldSpec[];
}

export function fieldGroups(c: Catalog, backends: string[]): FieldGroup[] {
  return [
    {
      id: 'data',
      title: 'Data',
      fields: [
        { key: 'data.name', label: 'dataset', kind: 'select', choices: c.datasets.map((d) => d.id), main: true, title: 'The shape the model learns to make out of noise. Changing it starts a new model.' },
        {
          key: 'source.name',
          label: 'start from',
          kind: 'select',
          // 'points' is the drawn source (source.name: points, its points inline, as a drawn target's).
          choices: ['gaussian', 'points', ...c.datasets.map((d) => d.id).filter((id) => id !== 'gaussian')],
          choiceText: { points: 'drawn by hand' },
          title: 'Where each path starts at t = 0: gaussian (random noise, the usual choice), a shape you draw, or any dataset, so that the model learns to turn one shape into another.',
        },
        { key: 'data.n_samples', label: 'points', kind: 'integer', main: true, title: 'Number of target points drawn from the dataset.' },
        { key: 'data.noise', label: 'noise', kind: 'number', title: 'Std of Gaussian noise added to each point (data box [-2, 2]²).' },
      ],
    },
    {
      id: 'model',
      title: 'Model',
      fields: [{ key: 'model.hidden_dims', label: 'widths', kind: 'list', title: 'Widths of the hidden layers, one number per layer: 128, 256 or [128, 256] (more layers and wider ones learn finer shapes, slower).' }],
    },
    {
      id: 'training',
      title: 'Training',
      fields: [
        { key: 'training.n_epochs', label: 'epochs', kind: 'integer', main: true, title: 'How many passes over the points training makes. Raising it lets a finished model train further.' },
        { key: 'training.batch_size', label: 'batch', kind: 'integer', title: 'Points per training step: larger batches give smoother but fewer steps per epoch.' },
        { key: 'training.learning_rate', label: 'learning rate', kind: 'number', title: 'How big each training step is: too small learns slowly, too large makes the loss jump about.' },
        { key: 'training.ema_decay', label: 'moving avg', kind: 'number', title: 'Decay of the moving average of the weights that sampling uses (0: none).' },
        { key: 'training.cond_dropout', label: 'label dropout', kind: 'number', title: 'Conditional models: the share of training points shown without their class, so that the model also learns the unconditional flow that guidance needs (0: no guidance).' },
        { key: 'training.seed', label: 'seed', kind: 'integer', title: 'Fixes every random draw (data, noise, starting weights): the same seed gives the same run.' },
        { key: 'training.device', label: 'backend', kind: 'select', choices: ['auto', ...backends], title: 'auto: the best backend that loads here; or force one.' },
      ],
    },
    {
      id: 'flow',
      title: 'Flow',
      fields: [
        { key: 'flow.path', label: 'path', kind: 'select', choices: c.paths, title: 'The route each noise point is taught to take to its data point over time t from 0 to 1 (linear: a straight line).' },
        { key: 'flow.pairing', label: 'pairing', kind: 'select', choices: c.pairings, title: 'Which noise point goes to which data point in a batch: none pairs them at random; ot pairs near with near, so paths cross less and straighten; c2ot (conditional models) pairs near with near within each class.' },
        { key: 'flow.sigma_min', label: 'sigma_min', kind: 'number', title: 'How blurred the end of each path is (0: paths end exactly on the data points).' },
      ],
    },
    {
      id: 'sampling',
      title: 'Sampling',
      fields: [
        { key: 'visualization.integrator', label: 'solver', kind: 'select', choices: c.integrators, main: true, title: 'How the points are moved along the learned field when sampling: euler takes plain straight steps; rk4 looks ahead and is more exact per step.' },
        { key: 'visualization.n_sampling_steps', label: 'steps', kind: 'integer', main: true, title: 'Steps the solver takes from noise (t = 0) to data (t = 1): more steps follow curved paths better, and take longer.' },
      ],
    },
  ];
}

/** Text typed into a field -> the value to validate, or a message when it is not of the right kind or too large. */
export function parseField(kind: FieldKind, text: string, limits?: NumberLimits): { value: unknown } | { error: string } {
  const t = text.trim();
  if (kind === 'select') return { value: t };
  if (kind === 'boolean') return { value: t === 'true' };
  if (kind === 'list') {
    // [64, 64] as the link and the CLI write it, or 64,64 or 64 64.
    const parts = t.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
    const nums = parts.map(Number);
    if (!parts.length || nums.some((n) => !Number.isFinite(n))) return { error: `'${clipMessage(text)}' is not a list of numbers: write widths like 64, 64.` };
    const over = limits ? nums.find((n) => n > limits.max) : undefined;
    if (limits && over !== undefined) return { error: `${over} is too wide: each width is at most ${limits.max}.` };
    return { value: nums };
  }
  const n = Number(t);
  if (t === '' || !Number.isFinite(n)) return { error: `'${clipMessage(text)}' is not a number.` };
  if (limits && n > limits.max) return { error: `${t} is too large: the most is ${limits.max}.` };
  return { value: n };
}

/** A value as the field shows it. */
export function formatField(kind: FieldKind, value: unknown): string {
  if (kind === 'list' && Array.isArray(value)) return value.join(',');
  return value === undefined ? '' : String(value);
}
