import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Overrides for a run of a few seconds: 200 points, a 16-16 MLP, 2 epochs, canvas pictures only. */
export const TINY = [
  'data.name=moons',
  'data.n_samples=200',
  'model.hidden_dims=[16,16]',
  'training.n_epochs=2',
  'training.batch_size=100',
  'visualization.n_sampling_steps=4',
  'visualization.n_generated=100',
  'visualization.n_metric_samples=100',
  'visualization.n_shown_target=100',
  'visualization.renderers=[canvas]',
];

/** Every file under `dir` (relative path → sha256), to check that a failed command changed nothing. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}
