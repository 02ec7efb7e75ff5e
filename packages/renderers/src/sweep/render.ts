/** Writes a sweep's pictures: grid and metrics as PNG, SVG and Vega-Lite spec, through the vega pipeline. */
import { writeOutputs, type OutputFile } from '../write-outputs.js';
import { specToSvg, svgToPng } from '../vega/render-spec.js';
import type { VlSpec } from '../vega/specs/common.js';
import { gridSpec } from './grid-spec.js';
import { metricsSpec } from './metrics-spec.js';
import type { SweepGrid, SweepMetricsChart } from './types.js';

export interface DrawnPicture {
  /** Paths written. */
  files: string[];
  png: Uint8Array;
  /** CSS width of the picture (the PNG is pixelRatio times wider). */
  width: number;
}

async function draw(name: string, spec: VlSpec, pixelRatio: number, outDir: string): Promise<DrawnPicture> {
  const svg = await specToSvg(spec);
  const png = await svgToPng(svg, pixelRatio);
  const files: OutputFile[] = [
    { name: `${name}.png`, data: png },
    { name: `${name}.svg`, data: svg },
    { name: `${name}.vl.json`, data: JSON.stringify(spec) + '\n' },
  ];
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  return { files: await writeOutputs(outDir, files), png, width };
}

/** grid.{png,svg,vl.json} in `outDir`. */
export function renderSweepGrid(grid: SweepGrid, outDir: string): Promise<DrawnPicture> {
  return draw('grid', gridSpec(grid), grid.pixelRatio, outDir);
}

/** metrics.{png,svg,vl.json} in `outDir`. */
export function renderSweepMetrics(chart: SweepMetricsChart, outDir: string): Promise<DrawnPicture> {
  return draw('metrics', metricsSpec(chart), chart.pixelRatio, outDir);
}
