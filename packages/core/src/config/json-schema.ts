import { z } from 'zod';
import { ConfigSchema } from './schema.js';

/** The config's JSON Schema (draft 2020-12), from the same zod schema that validates it, so it cannot drift. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Flow Visualizer config',
  } as Record<string, unknown>;
}
