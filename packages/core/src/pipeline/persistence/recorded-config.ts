import path from 'node:path';
import type { FvConfig } from '../../config/schema.js';

/** A plugin named by path (not a package name), as the CLI's plugin loader tells them apart. */
const isPathSpec = (spec: string) => spec.startsWith('.') || path.isAbsolute(spec) || /\.(m?js|cjs)$/.test(spec);

/**
 * The config as a run records it (config.yaml, the checkpoint's settings): every path absolute, so that the record
 * means the same from any working folder. output.dir and reflow.base are relative to the working folder;
 * data.options.file and plugin paths to `baseDir`, the folder of the config file they came from.
 */
export function recordedConfig(config: FvConfig, baseDir: string = process.cwd()): FvConfig {
  const options = config.data.options as Record<string, unknown> | undefined;
  const file = options?.file;
  return {
    ...config,
    output: { ...config.output, dir: path.resolve(config.output.dir) },
    data: typeof file === 'string' && file !== '' ? { ...config.data, options: { ...options, file: path.resolve(baseDir, file) } } : config.data,
    plugins: config.plugins.map((p) => (isPathSpec(p) ? path.resolve(baseDir, p) : p)),
    reflow: config.reflow.base ? { ...config.reflow, base: path.resolve(config.reflow.base) } : config.reflow,
  } as FvConfig;
}
