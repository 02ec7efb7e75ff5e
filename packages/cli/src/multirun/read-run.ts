/**
 * What a summary reads from one run's folder: its resolved config, its metrics (or, for a training-only run, its
 * final loss from the checkpoint) and the first points of its samples. Every run folder is self-contained, so
 * this works the same for a sweep's runs and for runs gathered from anywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FvError, errorMessage } from '@flow-visualizer/core';
import { outputLayout } from '@flow-visualizer/core/node';

export interface RunFolder {
  dir: string;
  /** The resolved config (config.yaml), as plain data. */
  config: Record<string, unknown> | null;
  /** Scalar metrics: every number of metrics.json (loss_history left out). */
  metrics: Record<string, number>;
  backend: string | null;
  hasSamples: boolean;
  report: string | null;
}

export function readRunFolder(dir: string): RunFolder {
  const layout = outputLayout(dir);
  let config: Record<string, unknown> | null = null;
  if (existsSync(layout.config)) {
    try {
      config = parseYaml(readFileSync(layout.config, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new FvError('DATA_INVALID', `The run folder ${dir} has an unreadable config.yaml: ${errorMessage(e)}`, { hint: 'Give folders written by fv run (each holds config.yaml and metrics.json).' });
    }
  }
  const metrics: Record<string, number> = {};
  let backend: string | null = null;
  const json = (file: string): Record<string, unknown> | null => {
    if (!existsSync(file)) return null;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      return null;
    }
  };
  const m = json(layout.metrics);
  if (m) {
    for (const [k, v] of Object.entries(m)) if (typeof v === 'number' && Number.isFinite(v)) metrics[k] = v;
    // A conditional run's per-class figures as flat columns (class0_w2_squared, class0_nearest_share, …).
    if (Array.isArray(m.per_class)) {
      for (const c of m.per_class as { class?: unknown; w2_squared?: unknown; nearest_share?: unknown }[]) {
        if (typeof c?.class !== 'number') continue;
        for (const f of ['w2_squared', 'nearest_share'] as const) {
          const v = c[f];
          if (typeof v === 'number' && Number.isFinite(v)) metrics[`class${c.class}_${f}`] = v;
        }
      }
    }
    backend = typeof m.backend === 'string' ? m.backend : null;
  } else {
    const state = json(path.join(layout.checkpointDir, 'training_state.json'));
    const losses = state?.lossHistory;
    if (Array.isArray(losses) && losses.length) {
      metrics.final_loss = Number(losses.at(-1));
      metrics.n_epochs = losses.length;
    }
    if (typeof state?.backend === 'string') backend = state.backend;
  }
  const report = path.join(layout.visualizations, 'report.html');
  return { dir, config, metrics, backend, hasSamples: existsSync(layout.generatedCsv), report: existsSync(report) ? report : null };
}

/** The first `limit` points of a samples CSV (header x,y), interleaved. */
export function readPointsCsv(file: string, limit: number): Float32Array {
  if (!existsSync(file)) return new Float32Array();
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: number[] = [];
  for (let i = 1; i < lines.length && out.length < 2 * limit; i++) {
    const [x, y] = lines[i].split(',').map(Number);
    if (Number.isFinite(x) && Number.isFinite(y)) out.push(x, y);
  }
  return Float32Array.from(out);
}

/** Leaf values of a plain config, by dotted key (lists stay whole). */
export function flattenConfig(o: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (o && typeof o === 'object' && !Array.isArray(o) && Object.keys(o).length) {
    for (const [k, v] of Object.entries(o)) flattenConfig(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out[prefix] = o;
  return out;
}
