import { writeFileAtomic } from './atomic-write.js';

/**
 * Points as CSV text: header `x,y`, one point a line; with `labels` (one class 0…K−1 per point) header
 * `x,y,label` and the class as the third column (readers of x,y files take the first two columns).
 */
export function pointsToCsv(points: Float32Array, labels?: Int32Array): string {
  const lines = [labels ? 'x,y,label' : 'x,y'];
  for (let i = 0; i < points.length; i += 2) lines.push(`${fmt(points[i])},${fmt(points[i + 1])}${labels ? `,${labels[i >> 1]}` : ''}`);
  return lines.join('\n') + '\n';
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(7).replace(/\.?0+$/, '');
}

export async function writePointsCsv(file: string, points: Float32Array, labels?: Int32Array): Promise<void> {
  await writeFileAtomic(file, pointsToCsv(points, labels));
}
