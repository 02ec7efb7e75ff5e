// The scripts' one reader of a run's points CSV (samples/generated.csv and the like).
import { readFileSync } from 'node:fs';

/** A points CSV (header x,y) as interleaved x, y. */
export function readPointsCsv(file) {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const out = new Float32Array(2 * lines.length);
  lines.forEach((l, i) => {
    const [x, y] = l.split(',');
    out[2 * i] = Number(x);
    out[2 * i + 1] = Number(y);
  });
  return out;
}
