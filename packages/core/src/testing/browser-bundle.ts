/**
 * Bundles a module for the browser platform with esbuild and reports every Node import in it, with the chain of
 * imports that brings it in, so that a browser entry cannot start to depend on Node unnoticed. Needs `esbuild`
 * (a dev dependency of this repository; a plugin author installs it beside Jest).
 *
 * Our own packages (@flow-visualizer/*) are bundled from their TypeScript sources when they have them (the
 * `exports` map's dist/X.js read as src/X.ts), so that the check sees the code as it is, built or not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

export interface BrowserBundle {
  /** The bundled JavaScript (ES module). */
  code: string;
  /**
   * One line per Node import (a builtin module or a native addon), with the files that lead to it:
   * `node:fs  ←  src/io/atomic-write.ts  ←  …  ←  <entry>`. Empty when browser-safe.
   */
  nodeImports: string[];
  /** What esbuild could not bundle (e.g. a native addon), each with the file that imports it. */
  errors: string[];
}

export interface BrowserBundleOptions {
  /** Folder the specifier is resolved from (a package's root for its own entries). */
  resolveDir: string;
  /** Minify (smaller, for loading into a page). Default false. */
  minify?: boolean;
}

const BUILTINS = new Set(builtinModules);
const NATIVE = 'a native addon (.node)';
const isBuiltin = (spec: string) => spec.startsWith('node:') || BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0]);

interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { text: string }[]; metafile: Metafile; errors: Message[] }>;
}
interface Metafile {
  inputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}
interface Message {
  text: string;
  location?: { file: string; line: number } | null;
}
interface ResolveArgs {
  path: string;
  importer: string;
  resolveDir: string;
  kind: string;
  pluginData?: { skip?: boolean };
}
interface PluginBuild {
  onResolve(o: { filter: RegExp }, cb: (a: ResolveArgs) => unknown): void;
  onLoad(o: { filter: RegExp; namespace: string }, cb: () => unknown): void;
  resolve(p: string, o: Record<string, unknown>): Promise<{ path: string; external: boolean; namespace: string; errors: Message[] }>;
}

/**
 * Bundles `specifier` (a package entry such as '@flow-visualizer/core', or a file) for the browser. Node imports are
 * left out of the bundle and listed, not thrown, so that one run names them all.
 */
export async function bundleForBrowser(specifier: string, options: BrowserBundleOptions): Promise<BrowserBundle> {
  const esbuild = (await import('esbuild' as string).catch(() => {
    throw new Error('bundleForBrowser needs esbuild: npm install --save-dev esbuild');
  })) as Esbuild;
  const found: { spec: string; importer: string }[] = [];
  const cwd = options.resolveDir;
  const skip = { skip: true };

  const nodeImports = {
    name: 'fv-node-imports',
    setup(build: PluginBuild) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.skip) return undefined;
        if (/\.node$/.test(args.path)) {
          found.push({ spec: NATIVE, importer: args.importer });
          return { path: args.path, external: true };
        }
        if (!isBuiltin(args.path)) return undefined;
        // A package's "browser" field may map a builtin away (e.g. "fs": false): that is browser-safe.
        const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: skip });
        if (r.errors.length === 0 && !r.external) {
          // Mapped to a browser file, or to `false` (esbuild then answers the bare name): an empty module.
          return path.isAbsolute(r.path) ? { path: r.path, namespace: r.namespace } : { path: args.path, namespace: 'fv-empty' };
        }
        found.push({ spec: args.path, importer: args.importer });
        return { path: args.path, external: true };
      });
      build.onLoad({ filter: /.*/, namespace: 'fv-empty' }, () => ({ contents: '', loader: 'js' }));
      build.onResolve({ filter: /^@flow-visualizer\// }, async (args) => {
        if (args.pluginData?.skip) return undefined;
        const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: skip });
        if (r.errors.length) return { errors: r.errors };
        const src = r.path.replace(/([\\/])dist[\\/](.*)\.js$/, '$1src$1$2.ts');
        return { path: src !== r.path && existsSync(src) ? src : r.path };
      });
    },
  };

  let result;
  try {
    result = await esbuild.build({
      stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir: cwd, sourcefile: '<entry>', loader: 'js' },
      absWorkingDir: cwd,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: options.minify ?? false,
      metafile: true,
      // Addons that resolve (a package whose main is a .node file) are loaded as nothing and reported below.
      loader: { '.node': 'empty' },
      logLevel: 'silent',
      plugins: [nodeImports],
    });
  } catch (e) {
    const errors = ((e as { errors?: Message[] }).errors ?? [{ text: String(e) }]).map((m) => (m.location ? `${m.text} (${m.location.file}:${m.location.line})` : m.text));
    return { code: '', nodeImports: found.map((f) => `${f.spec}  ←  ${path.relative(cwd, f.importer) || f.importer}`), errors };
  }
  const meta = result.metafile;
  const chains = found.map((f) => [f.spec, ...importChain(meta, path.relative(cwd, f.importer).split(path.sep).join('/'))].join('  ←  '));
  for (const file of Object.keys(meta.inputs).filter((f) => f.endsWith('.node'))) chains.push([NATIVE, ...importChain(meta, file).slice(1)].join('  ←  '));
  return { code: result.outputFiles[0].text, nodeImports: [...new Set(chains)].sort(), errors: [] };
}

/** The files from `file` back to the entry, shortest chain first found (breadth-first from the entry). */
function importChain(meta: Metafile, file: string): string[] {
  const parent = new Map<string, string | null>([['<entry>', null]]);
  const queue = ['<entry>'];
  while (queue.length) {
    const f = queue.shift()!;
    if (f === file) break;
    for (const imp of meta.inputs[f]?.imports ?? []) {
      if (imp.external || parent.has(imp.path)) continue;
      parent.set(imp.path, f);
      queue.push(imp.path);
    }
  }
  if (!parent.has(file)) return [file];
  const chain: string[] = [];
  for (let f: string | null | undefined = file; f; f = parent.get(f)) chain.push(f);
  return chain;
}

/**
 * A Jest suite: each of `subpaths` of the package in `packageDir` ('.' for the main entry, './specs', …) is
 * declared in its package.json "exports" (with types, when the package declares types) and bundles for the browser
 * with no Node import. Needs `esbuild` installed beside the package.
 */
export function describeBrowserEntries(packageDir: string, subpaths: readonly string[]): void {
  type Entry = string | { types?: string; import?: string };
  const pj = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string; exports?: string | Record<string, Entry> };
  const entryOf = (sub: string): Entry | undefined => (typeof pj.exports === 'string' ? (sub === '.' ? pj.exports : undefined) : pj.exports?.[sub]);
  // A plain-JS plugin (`"exports": { ".": "./src/index.js" }`) ships no declarations: its entries are checked for
  // the browser alone. A package that declares types for any entry must declare them for each browser entry.
  const typed = typeof pj.exports === 'object' && Object.values(pj.exports).some((e) => typeof e === 'object' && e.types !== undefined);
  describe(`browser entries of ${pj.name}`, () => {
    it.each(subpaths.map((s) => [s]))(`%s is exported${typed ? ' with types' : ''} and bundles for the browser with no Node import`, async (sub) => {
      const entry = entryOf(sub);
      expect({ [sub]: entry === undefined ? 'not in package.json "exports"' : 'exported' }).toEqual({ [sub]: 'exported' });
      if (typed) expect(typeof entry === 'object' ? entry.types : undefined).toMatch(/\.d\.ts$/);
      const spec = sub === '.' ? pj.name : `${pj.name}/${sub.replace(/^\.\//, '')}`;
      const bundle = await bundleForBrowser(spec, { resolveDir: packageDir });
      expect({ nodeImports: bundle.nodeImports, errors: bundle.errors }).toEqual({ nodeImports: [], errors: [] });
      expect(bundle.code.length).toBeGreaterThan(0);
    });
  });
}
