import { writeFileSync } from 'node:fs';
import { createRng } from '@flow-visualizer/core';

/** Two well-separated labelled blobs as a points file: class 0 around (−1.5, 0), class 1 around (1.5, 0). */
export function writeBlobs(file: string, n = 2000): void {
  const rng = createRng(3, 'blobs');
  const rows = ['x,y,label'];
  for (let i = 0; i < n; i++) {
    const k = i % 2;
    rows.push(`${(k ? 1.5 : -1.5) + 0.2 * rng.normal()},${0.2 * rng.normal()},${k}`);
  }
  writeFileSync(file, rows.join('\n') + '\n');
}

/** The first two columns of a points CSV with a header. */
export function readPoints(text: string): Float32Array {
  const lines = text.trim().split('\n').slice(1);
  return Float32Array.from(lines.flatMap((l) => l.split(',').slice(0, 2).map(Number)));
}

/** The share of points left of x = 0 (in blob 0's half). */
export function leftShare(p: Float32Array): number {
  let k = 0;
  for (let i = 0; i < p.length; i += 2) if (p[i] < 0) k++;
  return k / (p.length / 2);
}
