import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { ModelSpec } from '@flow-visualizer/core';
import { cpuBackend } from '../backends/tfjs-backends.js';
import { RES_SPEC, SMALL_SPEC, regressionBatches } from '@flow-visualizer/core/testing';

/**
 * A plain TensorFlow.js program reading our files: tf.io.decodeWeights with model.json's weightsManifest gives the
 * named tensors, and a forward pass written here from model.json's architecture block (tfjs ops only) must
 * predict what the model does. This is the "tfjs format" promise for both architectures.
 */
function tfjsForward(json: any, named: tf.NamedTensorMap, x: Float32Array, t: number): Float32Array {
  const c = json.modelTopology.config;
  const n = x.length / 2;
  return tf.tidy(() => {
    const xs = tf.tensor2d(x, [n, 2]);
    const silu = (z: tf.Tensor) => tf.mul(z, tf.sigmoid(z));
    if (c.architecture === 'resmlp') {
      const k = tf.mul(tf.range(1, (c.width - 2) / 2 + 1), Math.PI * t);
      const emb = tf.tile(tf.reshape(tf.concat([tf.sin(k), tf.cos(k)]), [1, c.width - 2]), [n, 1]);
      let h: tf.Tensor = tf.concat([xs, emb], 1);
      for (let b = 0; b < c.nBlocks; b++) h = tf.add(h, silu(tf.matMul(h as tf.Tensor2D, named[`block_${b}/kernel`] as tf.Tensor2D)));
      return tf.add(tf.matMul(h as tf.Tensor2D, named['output/kernel'] as tf.Tensor2D), named['output/bias']).dataSync() as Float32Array;
    }
    const half = c.timeEmbedDim / 2;
    const f = tf.mul(tf.exp(tf.linspace(0, Math.log(1000), half)), t);
    let h: tf.Tensor = tf.concat([xs, tf.tile(tf.reshape(tf.concat([tf.sin(f), tf.cos(f)]), [1, 2 * half]), [n, 1])], 1);
    const L = c.hiddenDims.length + 1;
    for (let i = 0; i < L; i++) {
      h = tf.add(tf.matMul(h as tf.Tensor2D, named[`dense_${i}/kernel`] as tf.Tensor2D), named[`dense_${i}/bias`]);
      if (i < L - 1) h = silu(h);
    }
    return h.dataSync() as Float32Array;
  });
}

describe.each([['mlp', SMALL_SPEC], ['resmlp', RES_SPEC]] as [string, ModelSpec][])('a saved %s read by plain TensorFlow.js', (_name, spec) => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'fv-tfjs-load-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('decodes weights.bin by its manifest (tf.io.decodeWeights) and predicts what the model predicts', async () => {
    const model = await cpuBackend().createModel(spec);
    for (const b of regressionBatches(4, 32, 3)) await model.trainStep(b); // moves the zero-initialised output layer too
    await model.save(dir);
    const probe = regressionBatches(1, 16, 8)[0].x;
    const want = await model.predict(probe, 0.6);
    model.dispose();
    await tf.setBackend('cpu');
    const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
    const bytes = readFileSync(path.join(dir, json.weightsManifest[0].paths[0]));
    const named = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), json.weightsManifest[0].weights);
    const got = tfjsForward(json, named, probe, 0.6);
    Object.values(named).forEach((v) => v.dispose());
    got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-5 * (1 + Math.abs(want[i]))));
    expect(want.some((v) => Math.abs(v) > 1e-4)).toBe(true);
  });
});
