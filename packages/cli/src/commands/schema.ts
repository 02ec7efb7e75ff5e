import { Command } from 'commander';
import { configJsonSchema } from '@flow-visualizer/core';

export function schemaCommand(): Command {
  return new Command('schema')
    .description("Print the config's JSON Schema (for editors: configs/*.yaml point the yaml-language-server at it)")
    .action(() => {
      process.stdout.write(JSON.stringify(configJsonSchema(), null, 2) + '\n');
    });
}
