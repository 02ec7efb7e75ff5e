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
    expect(kind({ training: { learning_rate: 0.01 } })).toBe('reset');
    expect(kind({ training: { device: 'cpu' } })).toBe('reset');
    expect(kind({ flow: { pairing: 'ot' } })).toBe('reset');
  });
});
