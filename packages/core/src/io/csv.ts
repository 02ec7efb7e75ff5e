import { writeFileAtomic } from './atomic-write.js';

/** Points as CSV text: header `x,y`, one point a line. */
export function pointsToCsv(points: Float32Array): string {
  const lines = ['x,y'];
  for (let i = 0; i < points.length; i += 2) lines.push(`${fmt(points[i])},${fmt(points[i + 1])}`);
  return lines.join('\n') + '\n';
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(7).replace(/\.?0+$/, '');
}

export async function writePointsCsv(file: string, points: Float32Array): Promise<void> {
  await writeFileAtomic(file, pointsToCsv(points));
}
