import { pointCount } from '../points.js';
import { slicedWasserstein } from './sliced-wasserstein.js';
import { meanDistance, meanDistanceWithin } from './energy-distance.js';
import { meanKernel, meanKernelWithin, medianPairwiseDistance } from './mmd.js';

/** Distances between a sample and the target distribution (lower is better). */
export interface QualityFigures {
  /** Sliced Wasserstein-1, data units. */
  sliced_w1: number;
  /** Energy distance (2E|X−Y| − E|X−X'| − E|Y−Y'|), data units. */
  energy_distance: number;
  /** Squared RBF MMD at the median-heuristic bandwidth of the held-out set, unitless. */
  mmd_rbf: number;
}

export interface QualityMetrics extends QualityFigures {
  /**
   * The same figures between two independent draws of the target: what a perfect model would score with
   * this many points. A figure near its floor is as good as this sample size can tell.
   */
  floor: QualityFigures;
  /** Points compared in each set by the energy distance and the MMD. */
  n: number;
  /** Points compared in each set by the sliced W1 (O(n log n), so it takes them all). */
  n_sliced: number;
  projections: number;
  mmd_bandwidth: number;
}

export interface QualityOptions {
  /** Random directions of the sliced W1 (seeded, stratified). Default 256. */
  projections?: number;
  seed?: number;
  /** Most points per set for the energy distance and the MMD (O(n²)). Default 2000. The sliced W1 uses all. */
  maxPoints?: number;
  /** RBF kernel width; default: the median pairwise distance within the reference. */
  mmdBandwidth?: number;
}

/**
 * A held-out reference set prepared for many comparisons (one per solver setting in compare-solvers): its own
 * pairwise terms of the energy distance and the MMD, and the kernel bandwidth, are computed once.
 */
export class QualityReference {
  readonly n: number;
  /** Points of the reference the sliced W1 uses: all of them. */
  readonly nSliced: number;
  readonly bandwidth: number;
  readonly projections: number;
  private readonly ref: Float32Array;
  private readonly all: Float32Array;
  private readonly seed: number;
  private readonly gammas: number[];
  private readonly refDistance: number;
  private readonly refKernel: number;

  /**
   * The sliced W1 uses all of `reference`, the energy distance and MMD its first `maxPoints` (pass a shuffled set
   * the model did not train on).
   */
  constructor(reference: Float32Array, options: QualityOptions = {}) {
    this.nSliced = pointCount(reference);
    this.all = reference;
    this.n = Math.min(this.nSliced, options.maxPoints ?? 2000);
    this.ref = reference.subarray(0, 2 * this.n);
    this.projections = options.projections ?? 256;
    this.seed = options.seed ?? 123;
    this.bandwidth = options.mmdBandwidth ?? medianPairwiseDistance(this.ref);
    this.gammas = [1 / (2 * this.bandwidth * this.bandwidth)];
    this.refDistance = meanDistanceWithin(this.ref, this.n);
    this.refKernel = meanKernelWithin(this.ref, this.n, this.gammas);
  }

  /**
   * The figures of a sample against this reference. The sliced W1 compares the first min(sample, reference)
   * points of each; the energy distance and MMD the sample's first n (at most) with the reference's n.
   */
  figures(sample: Float32Array): QualityFigures {
    const m = Math.min(pointCount(sample), this.n);
    const a = sample.subarray(0, 2 * m);
    return {
      sliced_w1: slicedWasserstein(sample, this.all, this.projections, this.seed),
      energy_distance: Math.max(0, 2 * meanDistance(a, m, this.ref, this.n) - meanDistanceWithin(a, m) - this.refDistance),
      mmd_rbf: Math.max(0, meanKernelWithin(a, m, this.gammas) + this.refKernel - 2 * meanKernel(a, m, this.ref, this.n, this.gammas)),
    };
  }
}

/**
 * Sample quality: generated points against held-out target points, and (the noise floor) a second held-out
 * draw against the first. All three sets are cut to the same size, so that the floor is comparable.
 * Pass shuffled sets that the model did not train on.
 */
export function qualityMetrics(generated: Float32Array, heldOut: Float32Array, heldOut2: Float32Array, options: QualityOptions = {}): QualityMetrics {
  const nAll = Math.min(pointCount(generated), pointCount(heldOut), pointCount(heldOut2));
  const n = Math.min(nAll, options.maxPoints ?? 2000);
  const ref = new QualityReference(heldOut.subarray(0, 2 * nAll), { ...options, maxPoints: n });
  const cut = (p: Float32Array) => p.subarray(0, 2 * nAll);
  return { ...ref.figures(cut(generated)), floor: ref.figures(cut(heldOut2)), n, n_sliced: nAll, projections: ref.projections, mmd_bandwidth: ref.bandwidth };
}

/** The figures as flat metrics.json keys: sliced_w1, sliced_w1_floor, energy_distance, energy_distance_floor, … */
export function flattenQuality(q: QualityMetrics): Record<string, number> {
  return {
    sliced_w1: q.sliced_w1,
    sliced_w1_floor: q.floor.sliced_w1,
    energy_distance: q.energy_distance,
    energy_distance_floor: q.floor.energy_distance,
    mmd_rbf: q.mmd_rbf,
    mmd_rbf_floor: q.floor.mmd_rbf,
    metrics_n: q.n,
    metrics_n_sliced: q.n_sliced,
    mmd_bandwidth: q.mmd_bandwidth,
  };
}
