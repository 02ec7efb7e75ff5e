/**
 * What a PNG or JPEG says about itself before it is decoded: its format, its declared size, and whether it ends
 * as that format must (PNG's IEND chunk, JPEG's end-of-image marker). Read from the bytes alone (no decoder), so
 * that a 1 MB file declaring 50,000 × 50,000 pixels is refused before gigabytes are allocated, and a cut file
 * is not decoded partially without a word.
 */
export interface ImageHeader {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
  complete: boolean;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The header of a PNG or JPEG; undefined for any other bytes (left to the decoder to judge). */
export function readImageHeader(b: Uint8Array): ImageHeader | undefined {
  if (b.length >= 24 && PNG_SIGNATURE.every((v, i) => b[i] === v)) {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    // The last 12 bytes of a whole PNG: IEND's length (0), its type, its CRC.
    const iend = b.length >= 12 && String.fromCharCode(...b.subarray(b.length - 8, b.length - 4)) === 'IEND';
    return { format: 'png', width: v.getUint32(16), height: v.getUint32(20), complete: iend };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let end = b.length;
    while (end > 2 && b[end - 1] !== 0xd9) end--; // a few bytes of padding after the end marker are common
    const complete = end >= 2 && b[end - 2] === 0xff && b[end - 1] === 0xd9 && b.length - end < 64;
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1];
      if (marker === 0xff) {
        i++;
        continue;
      }
      const length = (b[i + 2] << 8) | b[i + 3];
      // Start of frame (SOF0…SOF15, but not DHT, JPG and DAC): precision, height, width.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { format: 'jpeg', height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8], complete };
      }
      if (marker === 0xda || length < 2) return undefined;
      i += 2 + length;
    }
  }
  return undefined;
}
