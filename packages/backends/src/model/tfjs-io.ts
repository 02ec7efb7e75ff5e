import { tf, type TfBackendName } from '../backends/tfjs-runtime.js';
import { transposeInto } from './flat.js';

/**
 * Moving numbers between JavaScript and one tfjs backend cheaply (the reasons are in TfjsNet's comments): reusable
 * upload buffers on wasm, heap views instead of copies, transposes done in JavaScript, column sums as a matMul.
 */
export class TfjsIo {
  private readonly ones = new Map<number, tf.Tensor2D>();
  private readonly scratch = new Map<number, Float32Array>();

  constructor(readonly tfBackend: TfBackendName) {}

  /** A reusable buffer per size and slot on wasm (which copies on upload); elsewhere a fresh one (tfjs-cpu keeps it). */
  buf(size: number, slot: number): Float32Array {
    if (this.tfBackend !== 'wasm') return new Float32Array(size);
    const key = size * 8 + slot;
    let b = this.scratch.get(key);
    if (!b) this.scratch.set(key, (b = new Float32Array(size)));
    return b;
  }

  /** A tensor's values for immediate use: on wasm a view of its heap (valid until the next tfjs call). */
  peek(a: tf.Tensor): Float32Array {
    const be = tf.backend() as unknown as { typedArrayFromHeap?: (t: tf.Tensor) => Float32Array };
    return this.tfBackend === 'wasm' && typeof be.typedArrayFromHeap === 'function' ? be.typedArrayFromHeap(a) : (a.dataSync() as Float32Array);
  }

  /** A row-major rows×cols slice of `flat` as a tensor, transposed in JavaScript ([cols, rows]). */
  matrixT(flat: Float32Array, offset: number, rows: number, cols: number, slot: number): tf.Tensor2D {
    const t = transposeInto(flat.subarray(offset, offset + rows * cols), rows, cols, this.buf(rows * cols, slot));
    return tf.tensor2d(t, [cols, rows]);
  }

  /** A (rows × cols) tensor transposed via JavaScript: read back, transpose, upload. */
  transposeT(a: tf.Tensor2D, slot: number): tf.Tensor2D {
    const [rows, cols] = a.shape;
    const t = transposeInto(this.peek(a), rows, cols, this.buf(rows * cols, slot));
    return tf.tensor2d(t, [cols, rows]);
  }

  /** Column sums of g as ones[1, n] @ g. */
  colSums(g: tf.Tensor2D): tf.Tensor2D {
    const n = g.shape[0];
    let ones = this.ones.get(n);
    if (!ones) {
      ones = tf.keep(tf.ones([1, n]) as tf.Tensor2D);
      this.ones.set(n, ones);
    }
    return tf.matMul(ones, g);
  }

  dispose(): void {
    for (const t of this.ones.values()) t.dispose();
    this.ones.clear();
  }
}
