/**
 * The user's own files named in a plugin's options (`data.options.file`), read by the host rather than by the
 * plugin, so that the same dataset code runs in Node (files on disk) and in a page (files the user dropped).
 * Plugins receive it as `PluginContext.files`; the cli gives the disk one, the studio an in-memory one.
 */

/** What a plugin tells the reader about the file it wants, for the reader's messages. */
export interface UserFileRequest {
  /** The file as the user wrote it in the options. */
  file: string;
  /** Folder a relative name is resolved against (PluginContext.baseDir); a page's reader ignores it. */
  baseDir: string;
  /** The plugin asking (FvError.plugin). */
  plugin: string;
  /** The option that names the file, for hints ("data.options.file"). */
  option: string;
}

/** A file's bytes and where they came from ("/abs/path/ring.csv", "the dropped file 'ring.csv'"), for messages. */
export interface UserFileBytes {
  bytes: Uint8Array;
  where: string;
}

/** Decoded pixels, RGBA row-major from the top-left corner, non-premultiplied. */
export interface DecodedImage {
  rgba: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export interface UserFiles {
  /** 'disk', 'memory', …: which reader this is. */
  readonly kind: string;
  /**
   * The whole file. A missing file is an FvError DATA_NOT_FOUND that says where it was looked for; one that is not
   * an ordinary file, or too large to read, is a DATA_INVALID. Checks on the contents are the plugin's job.
   */
  read(request: UserFileRequest): Promise<UserFileBytes>;
  /**
   * Decodes a PNG or JPEG, drawn scaled down to at most `maxSide` pixels on its long side (never up). Throws a
   * plain Error with the decoder's reason when the bytes are not an image; the plugin words the FvError.
   */
  decodeImage(bytes: Uint8Array, maxSide: number): Promise<DecodedImage>;
}

export const USER_FILES = Symbol.for('fv.UserFiles');

/** The size an image of `width`×`height` is drawn at so that its long side is at most `maxSide` (both readers use it). */
export function fitImageSide(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
