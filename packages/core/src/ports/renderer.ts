import type { FlowResult } from '../pipeline/result.js';

/** Draws a FlowResult into files under `outDir` (usually `<output.dir>/visualizations`). */
export interface Renderer {
  readonly id: string;
  /** Writes its files atomically (never half-written) and resolves to their paths. */
  render(result: FlowResult, outDir: string): Promise<string[]>;
}

export const RENDERER = Symbol.for('fv.Renderer');
