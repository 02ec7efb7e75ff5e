import { stringify } from 'yaml';
import type { FvConfig } from './schema.js';

/** The resolved config as YAML, as written to `<output.dir>/config.yaml` (loadable again with --config). */
export function configToYaml(config: FvConfig, header = 'Resolved Flow Visualizer config (all layers merged).'): string {
  return `# ${header}\n${stringify(config, { flowCollectionPadding: false })}`;
}
