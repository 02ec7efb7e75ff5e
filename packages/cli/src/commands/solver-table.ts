import type { SolverRow } from '@flow-visualizer/core';

/** "1 step", "8 steps", "tol 0.001": a row's setting in words. */
export function settingLabel(r: Pick<SolverRow, 'steps' | 'rtol'>): string {
  return r.rtol !== null ? `tol ${r.rtol}` : `${r.steps} step${r.steps === 1 ? '' : 's'}`;
}

const COLS = [
  { title: 'integrator', width: 10, align: 'left' },
  { title: 'setting', width: 10, align: 'left' },
  { title: 'NFE', width: 5, align: 'right' },
  { title: 'sliced W1', width: 18, align: 'right' },
  { title: 'seconds', width: 8, align: 'right' },
] as const;

function line(cells: string[]): string {
  return cells.map((c, i) => (COLS[i].align === 'left' ? c.padEnd(COLS[i].width) : c.padStart(COLS[i].width))).join('  ').trimEnd();
}

/** The table's header: aligned with `solverRowLine`. */
export function solverTableHeader(draws: number): string[] {
  const w1 = draws > 1 ? `mean ± sd of ${draws}` : '';
  return [line(COLS.map((c) => c.title)), ...(w1 ? [line(['', '', '', w1, ''])] : [])];
}

/** One row, aligned under the header: sliced W1 as mean ± standard deviation over the noise draws. */
export function solverRowLine(r: SolverRow): string {
  const w1 = r.sliced_w1_sd !== null && r.sliced_w1_sd !== undefined ? `${r.sliced_w1.toFixed(4)} ± ${r.sliced_w1_sd.toFixed(4)}` : r.sliced_w1.toFixed(4);
  return line([r.integrator, settingLabel(r), String(r.nfe), w1, r.seconds.toFixed(3)]);
}
