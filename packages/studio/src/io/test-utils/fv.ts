import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunFile } from '../run-import.js';

const STUDIO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The built `fv` binary: the studio's round trip is checked against the real CLI, in a child process. */
export const FV_BIN = path.resolve(STUDIO_DIR, '../cli/bin/fv.js');

/** Runs `fv` in `cwd` as a user would (no TTY). */
export function runFv(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [FV_BIN, ...args], { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tmpDir(prefix = 'fv-studio-io-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A run of a few seconds, as page settings: 200 moons points, a 16-16 MLP, 3 epochs, canvas pictures only. */
export const TINY_VALUES = {
  data: { name: 'moons', n_samples: 200 },
  model: { hidden_dims: [16, 16] },
  training: { n_epochs: 3, batch_size: 50, seed: 7 },
  visualization: { n_sampling_steps: 4, n_generated: 100, n_metric_samples: 100, n_shown_target: 100, renderers: ['canvas'] },
};

/** Every file under `root` as the page gets it from a folder picker: paths starting with the folder's name. */
export function pickFolder(root: string): RunFile[] {
  const out: RunFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ path: path.join(path.basename(root), path.relative(root, p)).split(path.sep).join('/'), data: new Uint8Array(readFileSync(p)) });
    }
  };
  walk(root);
  return out;
}

/** What f throws (fails the test when it does not throw). */
export function thrown(f: () => unknown): any {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
