import { Command } from 'commander';
import { createRng, errorMessage, type VelocityBackend } from '@flow-visualizer/core';
import { builtinPlugins } from '../composition/builtins.js';
import { PluginRegistry } from '@flow-visualizer/core';

/** `fv doctor`: every backend, whether it loads here and why not, and which `auto` takes. */
export function doctorCommand(): Command {
  return new Command('doctor')
    .description('Check which compute backends load here and which one training.device=auto takes')
    .action(async () => {
      const registry = new PluginRegistry(builtinPlugins());
      const ctx = { baseDir: process.cwd(), rng: createRng(0), run: { seed: 0, dataNoise: 0, sigmaMin: 0 }, log: () => undefined };
      const backends: VelocityBackend[] = [];
      for (const p of registry.list('backend')) backends.push(await p.create({}, ctx));
      backends.sort((a, b) => b.priority - a.priority);
      const lines = [`Node ${process.version} on ${process.platform}-${process.arch}`, '', 'Backends (highest priority first):'];
      let auto: string | undefined;
      for (const b of backends) {
        let probe;
        try {
          probe = await b.probe();
        } catch (e) {
          probe = { ok: false, reason: errorMessage(e) };
        }
        if (probe.ok && !auto) auto = b.id;
        const alias = b.aliases?.length ? ` (alias ${b.aliases.join(', ')})` : '';
        // A reason over several lines (a compiler's first error lines) stays indented under its backend.
        lines.push(`  ${probe.ok ? '✔' : '✘'} ${b.id}${alias}: ${probe.reason.replace(/\n/g, '\n      ')}`);
        if (!probe.ok && 'hint' in probe && probe.hint) lines.push(`      to enable: ${probe.hint}`);
      }
      lines.push('', auto ? `training.device=auto takes: ${auto}` : 'No backend loads here: reinstall with npm ci.');
      process.stdout.write(lines.join('\n') + '\n');
      if (!auto) process.exitCode = 1;
    });
}
