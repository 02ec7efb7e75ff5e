/** grid.png: the generated samples of every run (or seed group) in a grid, each over its faded target. */
import { theme } from '../plot/theme.js';
import { figure, toRows, xyEncoding, type VlSpec } from '../vega/specs/common.js';
import type { GridPanel, SweepGrid } from './types.js';

/** Points per set drawn in one panel: enough to see the shape, few enough for a grid of dozens. */
export const GRID_POINTS = 1500;

export function gridSpec(grid: SweepGrid): VlSpec {
  const datasets: Record<string, unknown[]> = {};
  const size = grid.panelSize;
  const r = 1.1 * Math.sqrt(size / 240);
  const area = Math.PI * r * r;
  const enc = () => {
    const e = xyEncoding(grid.bounds) as VlSpec;
    e.x.axis = null;
    e.y.axis = null;
    return e;
  };
  const cell = (p: GridPanel | null, i: number): VlSpec => {
    if (!p) return { width: size, height: size, view: { stroke: null }, mark: { type: 'text', opacity: 0 }, data: { values: [{}] } };
    datasets[`t${i}`] = toRows(p.target, GRID_POINTS);
    datasets[`g${i}`] = toRows(p.generated, GRID_POINTS);
    const layers: VlSpec[] = [
      { data: { name: `t${i}` }, mark: { type: 'circle', size: area, opacity: theme.point.fadedOpacity, color: theme.colors.targetFaded, clip: true }, encoding: enc() },
      { data: { name: `g${i}` }, mark: { type: 'circle', size: area, opacity: theme.point.opacity, color: theme.colors.generated, clip: true }, encoding: enc() },
    ];
    if (p.missing) {
      layers.push({
        data: { values: [{ x: (grid.bounds.xmin + grid.bounds.xmax) / 2, y: (grid.bounds.ymin + grid.bounds.ymax) / 2, label: p.missing }] },
        mark: { type: 'text', fontSize: theme.font.panelTitleSize, color: theme.colors.subtleText },
        encoding: { ...enc(), text: { field: 'label' } },
      });
    }
    return { title: { text: p.title, fontSize: theme.font.labelSize + 1, anchor: 'middle', offset: 4, lineHeight: 15 }, width: size, height: size, layer: layers };
  };
  const cells = grid.panels.map(cell);
  const rows: VlSpec[] = [];
  for (let i = 0; i < cells.length; i += grid.columns) rows.push({ hconcat: cells.slice(i, i + grid.columns), spacing: 10 });
  // Vega-Lite takes a list of lines as the subtitle.
  return figure(grid.title, grid.subtitle as unknown as string | undefined, { vconcat: rows, spacing: 14 }, datasets);
}
