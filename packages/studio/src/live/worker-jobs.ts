/**
 * The worker's side of the richer live views, beside the Trainer: the pretrained demo model's preview (made on a
 * model of its own, so the run's model stays untouched and untrained) and a batch of a pairing's couples (the
 * run's pairing, or another one resolved through the run's container, for comparing).
 */
import type { FvConfig, Integrator, Pairing, PairingConditions, PointSource, VelocityModel } from '@flow-visualizer/core';
import { resolveRunPorts, type DependencyContainer } from '@flow-visualizer/core/container';
import type { BrowserVelocityBackend } from '@flow-visualizer/backends/browser';
import { makePreview } from '../worker/preview.js';
import type { Preview } from '../worker/protocol.js';
import { densityFrames } from './density-frames.js';
import { pairBatch } from './pair-batch.js';
import type { PairBatch, PretrainedModel } from './live-protocol.js';

/** The demo model's preview: its flow, its density over time; no quality figures (they describe the run's model). */
/** Most solver steps the pretrained demo's preview takes (the default sampling takes 100). */
const DEMO_MAX_STEPS = 100;

export async function pretrainedPreview(m: PretrainedModel, backend: BrowserVelocityBackend, integrator: Integrator, config: FvConfig, target: Float32Array, points: number): Promise<Preview> {
  const demo: VelocityModel = await backend.createModelFromState(m.spec, m.state);
  try {
    const preview = await makePreview({
      model: demo,
      integrator,
      integratorOptions: config.visualization.integrator_options as { rtol?: number; atol?: number },
      // The demo is a first picture, never a wait: a huge step count asked for the run's own model is not spent on it.
      steps: Math.min(config.visualization.n_sampling_steps, DEMO_MAX_STEPS),
      n: points,
      seed: config.training.seed,
      epoch: m.info.epochs,
    });
    return withDensity({ ...preview, pretrained: m.info }, target);
  } finally {
    demo.dispose();
  }
}

/**
 * The preview with its density frames (the target's too); a class-conditional model's split by class too, by
 * the class each point was sampled with and the target's labels (`targetLabels`).
 */
export function withDensity(p: Preview, target: Float32Array | undefined, targetLabels?: Int32Array): Preview {
  if (!target) return p;
  const names = p.condition?.on === 'class' ? p.condition.classNames : undefined;
  const classes = names && p.conditions && targetLabels ? { generated: p.conditions, target: targetLabels, count: names.length } : undefined;
  return { ...p, density: densityFrames(p.times, p.points, p.n, target, classes) };
}

/** The buffers of a preview to transfer rather than copy. */
export function previewBuffers(p: Preview): ArrayBuffer[] {
  return [p.points.buffer, p.field.buffer, ...(p.density ? [p.density.grids.buffer] : []), ...(p.density?.classShares ? [p.density.classShares.buffer] : [])] as ArrayBuffer[];
}

/**
 * A batch coupled by pairing `id` (the run's own when it is flow.pairing): another pairing is built through the
 * run's container from the same settings with flow.pairing = id and its default options.
 */
export async function pairsOf(id: string, config: FvConfig, own: Pairing | undefined, target: Float32Array, container: (c: FvConfig) => DependencyContainer, choices: string[], source?: PointSource, conditions?: PairingConditions, labels?: ArrayLike<number>): Promise<PairBatch> {
  const isOwn = id === config.flow.pairing;
  let pairing = isOwn ? own : undefined;
  if (!pairing) {
    const other: FvConfig = { ...config, flow: { ...config.flow, pairing: id, pairing_options: isOwn ? config.flow.pairing_options : {} } };
    pairing = (await resolveRunPorts(container(other), ['pairing'])).pairing;
  }
  const batch = config.flow.pairing_batch || config.training.batch_size;
  return pairBatch(pairing!, target, batch, config.training.seed, isOwn, [config.flow.pairing, ...choices.filter((c) => c !== config.flow.pairing)], source, conditions, labels);
}
