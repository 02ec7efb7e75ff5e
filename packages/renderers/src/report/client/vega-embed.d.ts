/** The parts of vega-embed's global (inlined into report.html before the page script) that the page uses. */
export interface VegaView {
  data(name: string, values: unknown[]): VegaView;
  runAsync(): Promise<VegaView>;
  finalize(): void;
}

export type VegaEmbed = (el: string, spec: unknown, opts: Record<string, unknown>) => Promise<{ view: VegaView }>;
