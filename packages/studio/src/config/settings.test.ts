import { changeKind, parseValues } from './settings.js';

const base = parseValues({ data: { name: 'moons' } });
const kind = (v: Record<string, unknown>) => changeKind(base, parseValues({ data: { name: 'moons' }, ...v }));

describe('what a settings change asks of the current model', () => {
  it('a sampling setting re-samples; epochs and plot settings keep the model; data, model, training and flow settings start a fresh one', () => {
    expect(kind({})).toBe('none');
    expect(kind({ visualization: { integrator: 'rk4' } })).toBe('resample');
    expect(kind({ visualization: { n_sampling_steps: 7 } })).toBe('resample');
    expect(kind({ training: { n_epochs: 999 } })).toBe('continue');
    expect(kind({ visualization: { renderers: ['canvas'] } })).toBe('continue');
    expect(kind({ output: { dir: 'x' } })).toBe('continue');
    expect(kind({ data: { name: 'moons', noise: 0.1 } })).toBe('reset');
    expect(kind({ model: { hidden_dims: [8] } })).toBe('reset');
    expect(kind({ source: { name: 'moons' } })).toBe('reset');
    expect(kind({ training: { seed: 7 } })).toBe('reset');
    expect(kind({ training: { time_sampling: 'logit_normal' } })).toBe('reset');
    expect(kind({ training: { device: 'cpu' } })).toBe('reset');
    expect(kind({ flow: { pairing: 'ot' } })).toBe('reset');
  });

  it('optimiser settings go on training the same weights and Adam state (retune); more epochs too under a decaying schedule', () => {
    expect(kind({ training: { learning_rate: 0.01 } })).toBe('retune');
    expect(kind({ training: { batch_size: 64 } })).toBe('retune');
    expect(kind({ training: { ema_decay: 0 } })).toBe('retune');
    expect(kind({ training: { lr_schedule: 'cosine' } })).toBe('retune');
    const cosine = parseValues({ data: { name: 'moons' }, training: { lr_schedule: 'cosine' } });
    expect(changeKind(cosine, parseValues({ data: { name: 'moons' }, training: { lr_schedule: 'cosine', n_epochs: 900 } }))).toBe('retune');
  });
});
