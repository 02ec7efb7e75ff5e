/**
 * Every numeric config key has a finite maximum (issue 24: `visualization.n_sampling_steps=1000000000` hung the
 * studio and the CLI alike), and numberLimits reads it as the CLI's validation and the studio's controls use it.
 */
import { ConfigSchema } from './schema.js';
import { numberLimits, schemaAt, schemaLeafPaths } from './schema-walk.js';

describe('numeric limits of the config schema', () => {
  const numeric = schemaLeafPaths(ConfigSchema)
    .map((key) => ({ key, limits: numberLimits(schemaAt(ConfigSchema, key.split('.'))!) }))
    .filter((k) => k.limits);

  it('finds the numeric keys', () => {
    expect(numeric.map((k) => k.key)).toEqual(expect.arrayContaining(['training.n_epochs', 'training.batch_size', 'visualization.n_sampling_steps', 'model.hidden_dims', 'training.learning_rate']));
  });

  it('gives every numeric key a finite maximum', () => {
    expect(numeric.filter((k) => !Number.isFinite(k.limits!.max)).map((k) => k.key)).toEqual([]);
  });

  it('reads the bounds that validation applies', () => {
    expect(numberLimits(schemaAt(ConfigSchema, ['visualization', 'n_sampling_steps'])!)).toEqual({ min: 1, max: 10_000, integer: true });
    expect(numberLimits(schemaAt(ConfigSchema, ['training', 'learning_rate'])!)).toMatchObject({ max: 10, integer: false });
    const steps = schemaAt(ConfigSchema, ['visualization', 'n_sampling_steps'])!;
    expect(steps.safeParse(10_000).success).toBe(true);
    expect(steps.safeParse(10_001).success).toBe(false);
  });
});
