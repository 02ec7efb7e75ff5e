/** What the sweep pictures are drawn from: plain data the cli reads from the runs' folders. */
import type { Bounds } from '@flow-visualizer/core';

/** One panel of the grid: a run (or the first run of a seed group) over its faded target. */
export interface GridPanel {
  /** Title lines: the swept values, then the sliced W1 (± sd over seeds). */
  title: string[];
  target: Float32Array;
  /** Empty when the run has no samples (failed, or not run): the panel then says why in `missing`. */
  generated: Float32Array;
  missing?: string;
}

export interface SweepGrid {
  title: string;
  /** One line each. */
  subtitle?: string[];
  /** Panels row by row; `null` leaves a cell empty (a combination that is not there). */
  panels: (GridPanel | null)[];
  columns: number;
  bounds: Bounds;
  /** Width and height of one panel, CSS pixels. */
  panelSize: number;
  pixelRatio: number;
}

/** Metrics per group: each run's value, drawn with the mean and ± one standard deviation. */
export interface SweepMetricsChart {
  title: string;
  subtitle?: string;
  /** Group labels in order (x axis), and what they are (the axis title). */
  groups: string[];
  groupTitle: string;
  /** metric → per group, the runs' values (finite ones). */
  values: Record<string, number[][]>;
  panelSize: number;
  pixelRatio: number;
}
