/**
 * Reading a user's file named in `data.options` through the host's reader (PluginContext.files), with the checks
 * on its contents that do not depend on where it came from, so that the cli and the studio say the same thing.
 */
import { FvError, type UserFileRequest, type UserFiles } from '@flow-visualizer/core';

/** What fv reads of one data file at most, in every host (core/node's READ_LIMITS.data; a test keeps them equal). */
export const DATA_FILE_LIMIT = 256 * 1024 * 1024;

export interface UserFile {
  /** As written in the options. */
  name: string;
  /** Where it was read from, for messages (an absolute path, or "the dropped file 'x'"). */
  where: string;
  bytes: Uint8Array;
}

/** The reader, or a message saying that this host gave the plugin none (a library user forgot to pass one). */
export function requireFiles(files: UserFiles | undefined, plugin: string, file: string): UserFiles {
  if (files) return files;
  throw new FvError('DATA_NOT_FOUND', `Data file '${file}' cannot be read: this program gave the dataset no file reader.`, {
    hint: 'In Node, take the dataset plugins from @flow-visualizer/datasets/node (they read from disk); in a page, pass memoryFiles({...}) as `files` to resolvePlugins.',
    plugin,
  });
}

/**
 * Reads the whole file through `files`. Missing → DATA_NOT_FOUND (worded by the reader); empty, or a text file
 * holding only blanks → DATA_INVALID. `option` names the option for hints ("data.options.file").
 */
export async function readUserFile(files: UserFiles | undefined, file: string, baseDir: string, plugin: string, option = 'data.options.file'): Promise<UserFile> {
  const request: UserFileRequest = { file, baseDir, plugin, option };
  const { bytes, where } = await requireFiles(files, plugin, file).read(request);
  if (bytes.length === 0 || (isTextLike(file) && userText(bytes).trim() === '')) {
    throw new FvError('DATA_INVALID', `Data file '${file}' is empty (${where}).`, { hint: 'Put at least two points in it, or point the option at another file.', plugin });
  }
  return { name: file, where, bytes };
}

/** The file's text (UTF-8, as Node's Buffer.toString reads it: bad bytes become U+FFFD). */
export function userText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

function isTextLike(p: string): boolean {
  return /\.(csv|tsv|txt|json|svg)$/i.test(p);
}
