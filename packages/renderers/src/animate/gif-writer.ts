/**
 * Frames drawn on a canvas → an animated GIF: one palette for the whole animation (quantized from a few
 * representative frames, so colours do not flicker from frame to frame), and every frame after the first carries
 * only the pixels that changed (the rest transparent), which LZW packs to almost nothing.
 */
import gifenc from 'gifenc';

const TRANSPARENT = 255;

export class GifWriter {
  private readonly encoder = gifenc.GIFEncoder();
  private readonly palette: number[][];
  private previous: Uint8Array | null = null;

  /** `samples`: RGBA frames (width×height) whose colours the palette must hold. */
  constructor(readonly width: number, readonly height: number, samples: Uint8ClampedArray[]) {
    const joined = new Uint8ClampedArray(samples.reduce((s, f) => s + f.length, 0));
    let off = 0;
    for (const f of samples) joined.set(f, off), (off += f.length);
    const pal = gifenc.quantize(joined, TRANSPARENT);
    while (pal.length < 256) pal.push([255, 0, 255]);
    this.palette = pal;
  }

  add(rgba: Uint8ClampedArray, delayMs: number): void {
    const index = gifenc.applyPalette(rgba, this.palette.slice(0, TRANSPARENT));
    const delay = Math.max(20, Math.round(delayMs / 10) * 10);
    if (!this.previous) {
      this.encoder.writeFrame(index, this.width, this.height, { palette: this.palette, delay, repeat: 0, dispose: 1 });
    } else {
      const diff = new Uint8Array(index.length);
      for (let i = 0; i < index.length; i++) diff[i] = index[i] === this.previous[i] ? TRANSPARENT : index[i];
      this.encoder.writeFrame(diff, this.width, this.height, { delay, transparent: true, transparentIndex: TRANSPARENT, dispose: 1 });
    }
    this.previous = index;
  }

  bytes(): Uint8Array {
    this.encoder.finish();
    return this.encoder.bytes();
  }
}
