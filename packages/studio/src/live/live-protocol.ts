/**
 * The richer live views' data between the worker and the page (plain data, structured clone): the density over
 * time of a preview, a batch of the pairing's couples, and the pretrained demo model the first screen shows.
 * Kept apart from worker/protocol.ts, which only names these types.
 */
import type { ModelSpec } from '@flow-visualizer/core';
import type { MlpState } from '@flow-visualizer/backends/browser';

/** Kernel densities of a preview's points at a few times, and of the target, on one grid over VIEW_BOX. */
export interface DensityFrames {
  /** Times of the frames; the target's frame follows them. */
  times: number[];
  /** Cells per side. */
  size: number;
  /** (times.length + 1) grids of size² densities, row by row from the bottom-left (y up); the last is the target's. */
  grids: Float32Array;
  /** Points behind each generated frame (the target's frame has its own count). */
  n: number;
  nTarget: number;
  /**
   * A class-conditional model's frames by class: per class k, per frame, its share of each cell's density
   * (classes × frames × size², k-major; the shares of a cell sum to 1 where it has mass). The generated frames
   * split by the class each point was sampled with, the target's by its labels.
   */
  classShares?: Float32Array;
  classes?: number;
}

/** One batch as the worker's pairing couples it: x0[i] (noise) goes to x1[i] (data). */
export interface PairBatch {
  /** The pairing plugin that made it, and whether it is the run's own (flow.pairing). */
  pairing: string;
  own: boolean;
  /** Every pairing the page can compare (the registry's), the run's first. */
  choices: string[];
  x0: Float32Array;
  x1: Float32Array;
  n: number;
  /** A class-conditional run's: the class of each couple's data point x1[i] (its label). */
  classes?: Int32Array;
  /** Mean squared distance of the couples: what OT minimises. */
  cost: number;
}

/** What the page says about a pretrained demo model. */
export interface PretrainedInfo {
  dataset: string;
  epochs: number;
  hiddenDims: number[];
  madeBy: string;
}

/** The demo model to show (decoded by the page from public/pretrained/<dataset>.json). */
export interface PretrainedModel {
  spec: ModelSpec;
  state: MlpState;
  info: PretrainedInfo;
}
