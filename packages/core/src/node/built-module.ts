import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The compiled JavaScript of a module of this repository, for a worker thread to import. From dist that is the
 * module itself; when the code runs from src (Jest transpiles TypeScript on the fly, workers do not), the built
 * copy under dist is used. Undefined when there is none (then the caller stays on its own thread).
 */
export function builtModule(url: string): string | undefined {
  if (!url.startsWith('file:')) return url; // a package specifier: Node resolves it in the worker
  const file = fileURLToPath(url);
  if (file.endsWith('.js') && existsSync(file)) return url;
  const m = /^(.*)[\\/]src[\\/](.*)\.[jt]s$/.exec(file);
  if (!m) return undefined;
  const built = `${m[1]}/dist/${m[2]}.js`;
  return existsSync(built) ? pathToFileURL(built).href : undefined;
}
