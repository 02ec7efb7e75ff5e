import { isFvError } from '@flow-visualizer/core';
import { parseSweepOverride } from './grammar.js';
import { planSweep } from './expand.js';

describe('sweep grammar: valid forms', () => {
  it.each([
    ['training.seed=1,2,3', 'training.seed', ['1', '2', '3']],
    ['flow.pairing=none, ot', 'flow.pairing', ['none', 'ot']],
    ['training.seed=7', 'training.seed', ['7']],
    ['model.hidden_dims=[64,64]', 'model.hidden_dims', ['[64,64]']],
    ['model.hidden_dims=[64,64],[128,128]', 'model.hidden_dims', ['[64,64]', '[128,128]']],
    ['model.hidden_dims=choice([32],[64,64])', 'model.hidden_dims', ['[32]', '[64,64]']],
    ['training.seed=range(1,4)', 'training.seed', ['1', '2', '3']],
    ['training.seed=range(3)', 'training.seed', ['0', '1', '2']],
    ['training.learning_rate=range(0.001,0.004,0.001)', 'training.learning_rate', ['0.001', '0.002', '0.003']],
    ['training.seed=range(5,1,-2)', 'training.seed', ['5', '3']],
    ['flow.pairing=choice(none,ot)', 'flow.pairing', ['none', 'ot']],
    ["data.name='a,b'", 'data.name', ["'a,b'"]],
    ['data.name="a","b"', 'data.name', ['"a"', '"b"']],
    ['visualization.options={vega: {plots: [loss]}},{}', 'visualization.options', ['{vega: {plots: [loss]}}', '{}']],
    ['+training.seed=1,2', 'training.seed', ['1', '2']],
  ])('%s', (raw, key, values) => {
    const o = parseSweepOverride(raw);
    expect(o.key).toBe(key);
    expect(o.values).toEqual(values);
  });

  it('keeps the + prefix on each value and expands the cartesian product, last key fastest', () => {
    const plan = planSweep({}, ['+training.seed=1,2', 'flow.pairing=none,ot', 'training.n_epochs=3']);
    expect(plan.fixed).toEqual(['training.n_epochs=3']);
    expect(plan.runs.map((r) => r.overrides)).toEqual([
      ['training.n_epochs=3', '+training.seed=1', 'flow.pairing=none'],
      ['training.n_epochs=3', '+training.seed=1', 'flow.pairing=ot'],
      ['training.n_epochs=3', '+training.seed=2', 'flow.pairing=none'],
      ['training.n_epochs=3', '+training.seed=2', 'flow.pairing=ot'],
    ]);
  });

  it('reads the config\'s sweep: section; the command line wins for the same key', () => {
    const plan = planSweep({ 'training.seed': 'range(1,3)', 'flow.pairing': ['none', 'ot'], 'model.hidden_dims': [[8], [16, 16]] }, ['training.seed=5,6,7']);
    expect(plan.keys.map((k) => [k.key, k.values])).toEqual([
      ['flow.pairing', ['none', 'ot']],
      ['model.hidden_dims', ['[8]', '[16,16]']],
      ['training.seed', ['5', '6', '7']],
    ]);
    expect(plan.runs).toHaveLength(12);
  });
});

describe('sweep grammar: invalid forms name the override', () => {
  it.each([
    ['model.hidden_dims=[64,64],[128,128', /'\[' at position 9 .* is never closed/],
    ['model.hidden_dims=[64,64]],[1]', /'\]' at position 8 .* closes nothing/],
    ['model.hidden_dims=[64,64)', /'\[' at position 1 .* is closed by '\)'/],
    ["data.name='a,b", /quote ' .* is never closed/],
    ['flow.pairing=choice()', /choice\(\) is empty/],
    ['flow.pairing=choice(none,,ot)', /choice value 2 of 3 is empty/],
    ['training.seed=range(1,5,0)', /range step is 0/],
    ['training.seed=range(5,1)', /yields no value/],
    ['training.seed=range(a,3)', /'a' in range\(…\) is not a number/],
    ['training.seed=range()', /range takes 1 to 3 numbers/],
    ['training.seed=1,,2', /value 2 of 3 is empty/],
    ['training.seed=1,2,', /value 3 of 3 is empty/],
    ['training.seed=1,range(2,3)', /must be the whole value/],
    ['=1,2', /expected key=value/],
    ['training..seed=1,2', /is not a key path/],
  ])('%s', (raw, message) => {
    let err: unknown;
    try {
      parseSweepOverride(raw);
    } catch (e) {
      err = e;
    }
    expect(isFvError(err) && err.code).toBe('OVERRIDE_INVALID');
    expect((err as Error).message).toContain(`'${raw}'`);
    expect((err as Error).message).toMatch(message);
    expect((err as { hint?: string }).hint).toBeTruthy();
  });

  it('a key swept twice, an empty list in the config', () => {
    expect(() => planSweep({}, ['training.seed=1,2', 'training.seed=3,4'])).toThrow(/training.seed is swept twice/);
    expect(() => planSweep({ 'training.seed': [] }, [])).toThrow(/sweep.training.seed.*list of values is empty/);
  });
});
