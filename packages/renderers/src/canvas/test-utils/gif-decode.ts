/**
 * A small GIF decoder for tests (no GIF decoder is installed): header, palettes, frames with their delays,
 * LZW-decoded to palette indices, and composed to RGBA (full-frame, no transparency: what flow.gif writes).
 */
export interface DecodedGif {
  version: string;
  width: number;
  height: number;
  loops: number | null;
  frames: { delayMs: number; rgba: Uint8ClampedArray }[];
}

export function decodeGif(buf: Uint8Array): DecodedGif {
  const version = String.fromCharCode(...buf.subarray(0, 6));
  if (version !== 'GIF89a' && version !== 'GIF87a') throw new Error('not a GIF');
  const width = buf[6] | (buf[7] << 8), height = buf[8] | (buf[9] << 8);
  let p = 13;
  let global: Uint8Array | null = null;
  if (buf[10] & 0x80) {
    const size = 3 * (1 << ((buf[10] & 7) + 1));
    global = buf.subarray(p, p + size);
    p += size;
  }
  let delayMs = 0, loops: number | null = null, transparent = -1;
  // Frames draw over the previous picture (flow.gif uses disposal 1, "leave in place").
  let canvas = new Uint8ClampedArray(width * height * 4);
  const frames: DecodedGif['frames'] = [];
  const subBlocks = (): Uint8Array => {
    const parts: number[] = [];
    for (let len = buf[p++]; len; len = buf[p++]) {
      for (let i = 0; i < len; i++) parts.push(buf[p + i]);
      p += len;
    }
    return Uint8Array.from(parts);
  };
  for (;;) {
    if (p >= buf.length) throw new Error('GIF truncated');
    const b = buf[p++];
    if (b === 0x3b) break;
    if (b === 0x21) {
      const label = buf[p++];
      const data = subBlocks();
      if (label === 0xf9) {
        delayMs = (data[1] | (data[2] << 8)) * 10;
        transparent = data[0] & 1 ? data[3] : -1;
      }
      if (label === 0xff && String.fromCharCode(...data.subarray(0, 11)) === 'NETSCAPE2.0') loops = data[12] | (data[13] << 8);
      continue;
    }
    if (b !== 0x2c) throw new Error(`bad block 0x${b.toString(16)} at ${p - 1}`);
    const fx = buf[p] | (buf[p + 1] << 8), fy = buf[p + 2] | (buf[p + 3] << 8);
    const fw = buf[p + 4] | (buf[p + 5] << 8), fh = buf[p + 6] | (buf[p + 7] << 8);
    const flags = buf[p + 8];
    p += 9;
    let palette = global;
    if (flags & 0x80) {
      const size = 3 * (1 << ((flags & 7) + 1));
      palette = buf.subarray(p, p + size);
      p += size;
    }
    const minCode = buf[p++];
    const indices = lzw(subBlocks(), minCode, fw * fh);
    const rgba = Uint8ClampedArray.from(canvas);
    for (let y = 0; y < fh; y++) for (let x = 0; x < fw; x++) {
      const c = indices[y * fw + x], k = ((fy + y) * width + fx + x) * 4;
      if (c === transparent) continue;
      rgba[k] = palette![3 * c];
      rgba[k + 1] = palette![3 * c + 1];
      rgba[k + 2] = palette![3 * c + 2];
      rgba[k + 3] = 255;
    }
    frames.push({ delayMs, rgba });
    canvas = rgba;
    transparent = -1;
  }
  return { version, width, height, loops, frames };
}

function lzw(data: Uint8Array, minCode: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  const clear = 1 << minCode, eoi = clear + 1;
  let size = minCode + 1, next = eoi + 1;
  const prefix = new Int32Array(4096).fill(-1), suffix = new Uint8Array(4096);
  for (let i = 0; i < clear; i++) suffix[i] = i;
  const stack = new Uint8Array(4097);
  let bits = 0, acc = 0, pos = 0, o = 0, prev = -1;
  while (o < count) {
    while (bits < size && pos < data.length) acc |= data[pos++] << bits, bits += 8;
    if (bits < size) break;
    const code = acc & ((1 << size) - 1);
    acc >>>= size, bits -= size;
    if (code === clear) {
      size = minCode + 1, next = eoi + 1, prev = -1;
      continue;
    }
    if (code === eoi) break;
    if (prev < 0) {
      out[o++] = code;
      prev = code;
      continue;
    }
    // KwKwK: a code not in the table yet is the previous string plus its own first character.
    let c = code < next ? code : prev, sp = 0;
    while (c >= 0) stack[sp++] = suffix[c], c = prefix[c];
    const firstChar = stack[sp - 1];
    while (sp && o < count) out[o++] = stack[--sp];
    if (code >= next && o < count) out[o++] = firstChar;
    if (next < 4096) prefix[next] = prev, suffix[next] = firstChar, next++;
    prev = code;
    if (next === 1 << size && size < 12) size++;
  }
  return out;
}
