import { ConfigSchema, FvError, defaultConfig, deepFreeze, describeIssue, type FvConfig } from '@flow-visualizer/core';

/** One thing wrong with a setting: the key it is about (to show beside its control) and the sentence to show. */
export interface ConfigProblem {
  /** Dotted key path, e.g. training.n_epochs; '' for the whole config. */
  key: string;
  message: string;
}

/** An FvError that also lists each problem by key, for a page that shows them beside the controls. */
export type ConfigError = FvError & { problems: ConfigProblem[] };

/** The settings a page holds: a whole, validated config, as the CLI resolves it (same keys, same defaults). */
export type StudioValues = FvConfig;

/**
 * Each problem of `data` as a config (keys, types, ranges: ConfigSchema), with the sentence `fv run` prints for it.
 * An unknown key is one problem per key, with its "did you mean".
 */
export function configProblems(data: unknown, sourceOf: (key: string) => string | undefined = () => undefined): ConfigProblem[] {
  const res = ConfigSchema.safeParse(data, { reportInput: true });
  if (res.success) return [];
  return res.error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({ key: [...at, k].join('.'), message: describeIssue(ConfigSchema, { ...issue, keys: [k] }, sourceOf) }));
    }
    return [{ key: at.join('.'), message: describeIssue(ConfigSchema, issue, sourceOf) }];
  });
}

/** The error for a list of problems: CONFIG_INVALID, every line in the message, the list in `problems`. */
export function configError(problems: ConfigProblem[], hint = 'See configs/base.yaml or `fv schema` for every key with its type and default.'): ConfigError {
  const message = problems.length === 1 ? problems[0].message : `Invalid configuration:\n  ${problems.map((p) => p.message).join('\n  ')}`;
  return Object.assign(new FvError('CONFIG_INVALID', message, { hint }), { problems });
}

/** Settings from plain data, validated and with every default filled in; CONFIG_INVALID (a ConfigError) if wrong. */
export function resolveValues(data: unknown): StudioValues {
  const problems = configProblems(data);
  if (problems.length) throw configError(problems);
  const { extends: _e, ...config } = ConfigSchema.parse(data);
  return deepFreeze(config) as StudioValues;
}

/** Whether an error carries a per-key list (configError's). */
export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof Error && Array.isArray((e as ConfigError).problems);
}

/** The built-in defaults, as a page starts. */
export function defaultValues(): StudioValues {
  return defaultConfig();
}
