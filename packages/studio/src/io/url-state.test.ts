import { hashToValues, valuesToHash, valuesToOverrides } from './url-state.js';
import { defaultValues, resolveValues } from './problems.js';

describe('settings in the URL', () => {
  it('holds only the keys that differ from the defaults, short and readable', () => {
    expect(valuesToHash(defaultValues())).toBe('');
    expect(valuesToHash({ data: { name: 'moons' }, training: { n_epochs: 50 } })).toBe('#data.name=moons&training.n_epochs=50');
    expect(valuesToHash({ model: { hidden_dims: [64, 64] }, flow: { pairing: 'ot', sigma_min: 0.01 } })).toBe('#model.hidden_dims=[64,64]&flow.pairing=ot&flow.sigma_min=0.01');
  });

  it('reads back to the same settings, strings that look like numbers and drawn points included', () => {
    const values = resolveValues({
      data: { name: 'points', noise: 0, options: { points: [[0.5, -1], [1.25, 2.75]], label: '12', note: 'a b&c=d#e' } },
      model: { hidden_dims: [8, 16, 8] },
      training: { seed: 3, learning_rate: 1e-4, device: 'webgl' },
      visualization: { integrator: 'rk4', n_sampling_steps: 10, integrator_options: {} },
    });
    const hash = valuesToHash(values);
    expect(hash).toContain('data.options.points=[[0.5,-1],[1.25,2.75]]');
    expect(hash).toContain('data.options.label=%2212%22');
    const back = hashToValues(hash);
    expect(back.problems).toEqual([]);
    expect(back.values).toEqual(values);
    // The same pairs are CLI overrides: `fv run <pairs>` means the same settings.
    expect(valuesToOverrides(values)).toContain('data.options.label="12"');
    expect(valuesToOverrides(values)).toContain('training.learning_rate=0.0001');
  });

  it('leaves out skipped keys (a large drawn shape)', () => {
    const hash = valuesToHash({ data: { name: 'points', options: { points: [[0, 0], [1, 1]] } } }, { skip: ['data.options'] });
    expect(hash).toBe('#data.name=points');
  });

  it('reports unknown keys and bad values without failing, and applies the good pairs', () => {
    const r = hashToValues('#data.name=moons&training.n_epoch=5&training.batch_size=-3&model.hidden_dims=[32,x&&%E0%A4%A&training.seed=9&=1');
    expect(r.values.data.name).toBe('moons');
    expect(r.values.training.seed).toBe(9);
    expect(r.values.training.batch_size).toBe(256);
    const keys = r.problems.map((p) => p.key);
    expect(keys).toEqual(expect.arrayContaining(['training.n_epoch', 'training.batch_size', 'model.hidden_dims']));
    expect(r.problems.find((p) => p.key === 'training.n_epoch')!.message).toMatch(/Did you mean 'n_epochs'\?.*left out/s);
    expect(r.problems.find((p) => p.key === 'training.batch_size')!.message).toMatch(/must be > 0, got -3 \(from the URL 'training.batch_size=-3'\)/);
    expect(r.problems.length).toBe(5); // the three above, the broken percent-encoding and the pair with no key
  });

  it('takes a whole URL and a base to apply the pairs to', () => {
    const r = hashToValues('http://127.0.0.1:5178/#training.n_epochs=7', { data: { name: 'spiral' } });
    expect(r.values.training.n_epochs).toBe(7);
    expect(r.values.data.name).toBe('spiral');
  });
});
