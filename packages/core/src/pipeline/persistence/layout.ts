import path from 'node:path';

/** Where each output of a run lives under output.dir (the layout of the original tool, kept). */
export function outputLayout(outDir: string) {
  return {
    root: outDir,
    config: path.join(outDir, 'config.yaml'),
    modelDir: path.join(outDir, 'models', 'velocity_net'),
    checkpointDir: path.join(outDir, 'models', 'checkpoint'),
    samplesDir: path.join(outDir, 'samples'),
    targetCsv: path.join(outDir, 'samples', 'target.csv'),
    generatedCsv: path.join(outDir, 'samples', 'generated.csv'),
    evolution: path.join(outDir, 'samples', 'evolution.json'),
    metrics: path.join(outDir, 'metrics.json'),
    visualizations: path.join(outDir, 'visualizations'),
  };
}

export type OutputLayout = ReturnType<typeof outputLayout>;
