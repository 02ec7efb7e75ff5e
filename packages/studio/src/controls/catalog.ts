/**
 * What the controls offer, read from the same plugins and schema the CLI uses: every built-in dataset with its
 * options (from the plugin's own zod schema), the paths, pairings and solvers by name.
 */
import { z } from 'zod';
import { type FvPlugin } from '@flow-visualizer/core';
import { builtinCouplingPlugins } from '@flow-visualizer/couplings';
import { shapeDatasetPlugins } from '@flow-visualizer/datasets';
import { builtinIntegratorPlugins } from '@flow-visualizer/integrators';

/** One option of a dataset, as its schema describes it. */
export interface OptionField {
  name: string;
  type: 'number' | 'integer' | 'boolean' | 'enum';
  choices?: string[];
  default?: unknown;
  description?: string;
}

export interface Catalog {
  datasets: { id: string; description: string; options: OptionField[] }[];
  paths: string[];
  pairings: string[];
  integrators: string[];
}

export function catalog(): Catalog {
  const core = builtinCouplingPlugins();
  const ids = (kind: string, list: FvPlugin[]) => list.filter((p) => p.kind === kind).map((p) => p.id);
  return {
    datasets: shapeDatasetPlugins().map((p) => ({ id: p.id, description: p.description ?? '', options: optionFields(p.optionsSchema) })),
    paths: ids('path', core),
    pairings: ids('pairing', core),
    integrators: ids('integrator', builtinIntegratorPlugins()),
  };
}

type JsonProp = { type?: string; enum?: unknown[]; default?: unknown; description?: string };

/** The scalar options of a plugin's schema (numbers, integers, booleans, choices); lists and maps are left to config files. */
function optionFields(schema: unknown): OptionField[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonProp> };
  const out: OptionField[] = [];
  for (const [name, p] of Object.entries(json.properties ?? {})) {
    const base = { name, default: p.default, description: p.description };
    if (p.enum) out.push({ ...base, type: 'enum', choices: p.enum.map(String) });
    else if (p.type === 'number' || p.type === 'integer' || p.type === 'boolean') out.push({ ...base, type: p.type });
  }
  return out;
}
