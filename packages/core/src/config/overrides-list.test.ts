import { resolveConfig } from './resolve.js';

describe('list elements and removals in overrides', () => {
  it('model.hidden_dims.0=32 sets that element of the default list (not a mapping {"0": 32})', () => {
    expect(resolveConfig({ overrides: ['model.hidden_dims.0=32'] }).config.model.hidden_dims).toEqual([32, 256, 256, 128]);
    expect(resolveConfig({ overrides: ['model.hidden_dims=[8,8]', 'model.hidden_dims.2=4'] }).config.model.hidden_dims).toEqual([8, 8, 4]);
  });

  it('an element past the end is the override\'s error, with the valid indices', () => {
    expect(() => resolveConfig({ overrides: ['model.hidden_dims=[8,8]', 'model.hidden_dims.5=4'] })).toThrow(
      expect.objectContaining({ code: 'OVERRIDE_INVALID', message: expect.stringContaining("'model.hidden_dims.5=4': 'model.hidden_dims' is a list of 2 items") }),
    );
    // A bad value in one element is blamed on the override, not on a config file.
    expect(() => resolveConfig({ overrides: ['model.hidden_dims.0=-1'] })).toThrow(/'model\.hidden_dims\.0' must be > 0, got -1 \(from the override 'model\.hidden_dims\.0=-1'\)/);
  });

  it('~key of a key that nothing set and the schema does not know is an error with a suggestion; a declared key is fine', () => {
    expect(() => resolveConfig({ overrides: ['~nope'] })).toThrow(expect.objectContaining({ code: 'OVERRIDE_INVALID' }));
    expect(() => resolveConfig({ overrides: ['~training.n_epoch'] })).toThrow(/Did you mean '~training\.n_epochs'\?/);
    expect(resolveConfig({ overrides: ['~training.n_epochs'] }).config.training.n_epochs).toBe(300);
  });
});
