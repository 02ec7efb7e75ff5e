/** What every canvas plot reads besides the result. */
export interface PlotContext {
  /** Plot-area side of one panel, CSS pixels (`visualization.panel_size`). */
  panel: number;
  /** Device pixels per CSS pixel (`visualization.pixel_ratio`). */
  ratio: number;
  /** Panels per row for trajectory and vector field (default: defaultColumns). */
  columns?: number;
  logLoss: boolean;
  densityBins: number;
}

/** "0", "0.2", "0.33", "1": times as titles show them (same as the vega renderer). */
export function formatT(t: number): string {
  return String(Math.round(t * 100) / 100);
}

export function fmt(v: number): string {
  return v >= 0.01 ? v.toFixed(3) : v.toPrecision(2);
}
