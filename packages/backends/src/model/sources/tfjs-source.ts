import type { ModelSpec, TrainBatch, VelocityJacobian } from '@flow-visualizer/core';
import { tf, useTfBackend, type TfBackendName } from '../../backends/tfjs-runtime.js';
import type { FlatLayout } from '../flat.js';
import type { GradientSource } from '../gradient-source.js';
import type { AsyncMlpNet, MlpNet } from '../net.js';
import { createTfjsNet } from '../nets.js';
import { noJacobian } from '../no-jacobian.js';

/**
 * Gradients from one tfjs backend in this thread, the whole batch at once (tfjs-node, which uses every core by
 * itself; the browser's cpu backend). No Node import: the browser entry uses it.
 */
/** A net on one tfjs backend, with its results now or (a GPU's) later. */
type TfjsSourceNet = (MlpNet | AsyncMlpNet) & { tfBackend: TfBackendName };

export class TfjsSource implements GradientSource {
  readonly optimizer = 'none';
  readonly layout: FlatLayout;

  private constructor(private readonly net: TfjsSourceNet) {
    this.layout = net.layout;
  }

  static async create(spec: ModelSpec, tfBackend: TfBackendName): Promise<TfjsSource> {
    return new TfjsSource(await createTfjsNet(spec, tfBackend));
  }

  /** On a given net: a browser GPU backend's (GpuNet, whose results come back asynchronously). */
  static withNet(net: TfjsSourceNet): TfjsSource {
    return new TfjsSource(net);
  }

  async lossAndGrad(params: Float32Array, b: TrainBatch, scale: number, grad: Float32Array): Promise<number> {
    await useTfBackend(this.net.tfBackend);
    return this.net.lossAndGrad(params, b.x, b.t, b.target, scale, grad);
  }

  async forward(weights: Float32Array, x: Float32Array, t: Float32Array | number): Promise<Float32Array> {
    await useTfBackend(this.net.tfBackend);
    return this.net.forward(weights, x, t);
  }

  async jacobian(weights: Float32Array, x: Float32Array, t: number, dx?: Float32Array): Promise<VelocityJacobian> {
    await useTfBackend(this.net.tfBackend);
    const net = this.net as Partial<MlpNet>;
    if (!net.jacobian) throw noJacobian(this.net.tfBackend);
    return net.jacobian.call(this.net, weights, x, t, dx);
  }

  numTensors(): number {
    return tf.memory().numTensors;
  }

  dispose(): void {
    this.net.dispose();
  }
}

