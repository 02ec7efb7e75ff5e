// Shared by the bin scripts: load the built cli and run it with `prefix` + the user's arguments (less the first
// `skip` of them, which the bin script read itself).
import { existsSync } from 'node:fs';

export async function run(prefix, skip = 0) {
  const entry = new URL('../dist/main.js', import.meta.url);
  if (!existsSync(entry)) {
    process.stderr.write('fv: error: the cli is not built yet.\n  hint: run `npm run build` (npm ci does it) in the repository root.\n');
    process.exit(1);
  }
  const { main } = await import(entry.href);
  process.exit(await main([...prefix, ...process.argv.slice(2 + skip)]));
}
