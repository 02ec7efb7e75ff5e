import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FvError } from '@flow-visualizer/core';

/**
 * The built studio app to serve: `dir` when given, else the `dist` folder of @flow-visualizer/studio (an installed
 * package, or the sibling in this repository). USAGE (exit 2) saying how to build it when index.html is not there.
 */
export function studioDist(dir?: string): string {
  const candidates = dir !== undefined ? [path.resolve(dir)] : defaultDirs();
  const found = candidates.find((d) => existsSync(path.join(d, 'index.html')));
  if (found) return found;
  const shown = path.relative(process.cwd(), candidates[0]) || candidates[0];
  throw new FvError('USAGE', `The studio app is not built: ${path.join(shown, 'index.html')} is missing.`, {
    hint: dir !== undefined
      ? 'Point --dir to a folder that `npm run build -w @flow-visualizer/studio` made (it holds index.html).'
      : 'Build it first: `npm run build -w @flow-visualizer/studio` (or `npm run build` at the repository root), then run fv studio again.',
  });
}

function defaultDirs(): string[] {
  const dirs: string[] = [];
  try {
    const pkg = createRequire(import.meta.url).resolve('@flow-visualizer/studio/package.json');
    dirs.push(path.join(path.dirname(pkg), 'dist'));
  } catch {
    // not installed as a package: the repository layout below
  }
  // packages/cli/dist/studio/dist-dir.js → packages/studio/dist
  dirs.push(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../studio/dist'));
  return [...new Set(dirs)];
}
