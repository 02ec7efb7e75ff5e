/**
 * What the page says after an accepted change, in plain words: whether training went on from where it stood or
 * started again, and why (the words beside each control said so before the change).
 */
import type { ChangeOutcome } from '../worker/protocol.js';

/** A key as people read it: training.learning_rate -> learning rate. */
function named(key: string): string {
  const leaf = key.split('.').pop() ?? key;
  const words: Record<string, string> = { n_epochs: 'epochs', batch_size: 'batch size', ema_decay: 'moving average', lr_schedule: 'schedule', hidden_dims: 'widths', n_sampling_steps: 'steps', integrator: 'solver', device: 'backend', n_samples: 'points' };
  if (key === 'data.name') return 'the data';
  if (key === 'source.name') return 'the start (source)';
  return words[leaf] ?? leaf.replaceAll('_', ' ');
}

const epochs = (n: number) => `${n} epoch${n === 1 ? '' : 's'}`;

export function changeMessage(outcome: ChangeOutcome, keys: string[], epochBefore: number): string {
  const names = [...new Set(keys.filter((k) => k !== 'data.options').map(named))].join(', ') || 'the settings';
  switch (outcome) {
    case 'retune':
      return epochBefore > 0
        ? `Changed ${names}: training goes on from epoch ${epochBefore} with the same model and its optimizer (Adam) state.`
        : `Changed ${names}.`;
    case 'reset':
      return epochBefore > 0
        ? `Changed ${names}: that changes what the model learns, so a new model starts at epoch 0 (the ${epochs(epochBefore)} trained are discarded).`
        : `Changed ${names}: a new model, at epoch 0.`;
    case 'resample':
      return `Changed ${names}: the same model, sampled again.`;
    default:
      return '';
  }
}
