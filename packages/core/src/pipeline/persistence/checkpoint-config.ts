import type { FvConfig } from '../../config/schema.js';
import { FvError } from '../../errors.js';

/**
 * The settings a checkpoint was trained with that decide what training does: the data, the network, the
 * objective, the optimiser and the seed. (Epoch count, logging, checkpoint interval, device and the pictures may
 * change between sessions.)
 */
export function checkpointConfig(config: FvConfig): Record<string, unknown> {
  const t = config.training;
  return JSON.parse(
    JSON.stringify({
      data: config.data,
      model: config.model,
      flow: { path: config.flow.path, pairing: config.flow.pairing, sigma_min: config.flow.sigma_min, path_options: config.flow.path_options, pairing_options: config.flow.pairing_options, options: config.flow.options },
      training: { batch_size: t.batch_size, learning_rate: t.learning_rate, ema_decay: t.ema_decay, seed: t.seed },
    }),
  ) as Record<string, unknown>;
}

function flatten(o: unknown, prefix: string, out: Map<string, string>): void {
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    for (const [k, v] of Object.entries(o)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, JSON.stringify(o));
}

/** Each key whose value differs, as "training.learning_rate: 0.003 in the checkpoint, 0.01 now". */
export function configDifferences(saved: Record<string, unknown>, now: Record<string, unknown>): string[] {
  const a = new Map<string, string>(), b = new Map<string, string>();
  flatten(saved, '', a);
  flatten(now, '', b);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}: ${a.get(k) ?? '(unset)'} in the checkpoint, ${b.get(k) ?? '(unset)'} now`);
}

/**
 * A resume must continue the same training: other data, learning rate, seed or network would silently mix two
 * runs. CHECKPOINT_MISMATCH lists what differs, unless `allow` (the user asked for it).
 */
export function checkResumeConfig(saved: Record<string, unknown> | undefined, config: FvConfig, allow: boolean): string[] {
  if (!saved) return [];
  const diff = configDifferences(saved, checkpointConfig(config));
  if (diff.length && !allow) {
    throw new FvError('CHECKPOINT_MISMATCH', `The checkpoint was trained with other settings than this --resume asks for: ${diff.slice(0, 4).join('; ')}${diff.length > 4 ? `; and ${diff.length - 4} more` : ''}.`, {
      hint: 'Resume with the settings of that run (its config.yaml), or pass --allow-config-change to continue with the new ones.',
    });
  }
  return diff;
}
