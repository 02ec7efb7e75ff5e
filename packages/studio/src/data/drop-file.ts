/**
 * A file the user dropped on the page (or picked): CSV/TSV/TXT or JSON points, an SVG, a PNG or JPEG. It is read
 * into memory and checked at once by the same dataset code the cli runs (through the page's file reader), so that
 * a broken file is reported beside the control, in the cli's words, before anything is trained. What comes back
 * is what the app needs to use it: the file map for the worker's reader and the data config values.
 */
import { createRng, instantiate, isFvError, FvError, type FvPlugin } from '@flow-visualizer/core';
import { checkDataFileSize, fileDatasetPlugins, fileKey, memoryFiles, parsePoints, userText } from '@flow-visualizer/datasets';

export type DroppedKind = 'points' | 'svg' | 'image';

/** A file that reads: give `files` to `memoryFiles(files)` as PluginContext.files, and `data` to the config. */
export interface DroppedData {
  ok: true;
  /** The file's name, as data.options.file names it. */
  name: string;
  kind: DroppedKind;
  files: Map<string, Uint8Array>;
  /** data.name and data.options for it. */
  data: { name: DroppedKind; options: Record<string, unknown> };
  /** `previewPoints` points drawn from it (seeded), to show the target before training. */
  preview: Float32Array;
}

/** A file that does not: the cli's error, and one text to show beside the control. */
export interface DropProblem {
  ok: false;
  name: string;
  error: { code: string; message: string; hint?: string };
  text: string;
}

export interface DropOptions {
  /** More options for its dataset (svg: fill; image: mode, threshold); validated by the dataset's own schema. */
  options?: Record<string, unknown>;
  /** How many points `preview` holds. Default 2000. */
  previewPoints?: number;
  /** Seed of the preview. Default 42 (the config's default training.seed). */
  seed?: number;
}

const BY_EXTENSION: Record<string, DroppedKind> = { csv: 'points', tsv: 'points', txt: 'points', json: 'points', svg: 'svg', png: 'image', jpg: 'image', jpeg: 'image' };
const BY_TYPE: Record<string, DroppedKind> = { 'text/csv': 'points', 'application/json': 'points', 'image/svg+xml': 'svg', 'image/png': 'image', 'image/jpeg': 'image' };

/** The dataset that reads a file of this name (by extension, else by MIME type), or undefined. */
export function droppedKind(name: string, type = ''): DroppedKind | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? BY_TYPE[type.toLowerCase()];
}

/** One line for the page: the message, then what to do. */
export function problemText(error: { message: string; hint?: string }): string {
  return error.hint ? `${error.message} ${error.hint}` : error.message;
}

function problem(name: string, e: unknown): DropProblem {
  const error = isFvError(e) ? { code: e.code, message: e.message, ...(e.hint && { hint: e.hint }) } : { code: 'INTERNAL', message: `'${name}' could not be read: ${e instanceof Error ? e.message : String(e)}` };
  return { ok: false, name, error, text: problemText(error) };
}

/** Reads and checks a dropped or picked file. Never throws: a bad file is a DropProblem. */
export async function readDroppedFile(file: Blob & { name: string }, opts: DropOptions = {}): Promise<DroppedData | DropProblem> {
  const name = fileKey(file.name).split('/').pop() || 'file';
  try {
    const kind = droppedKind(name, file.type);
    if (!kind) {
      throw new FvError('DATA_INVALID', `'${name}' is not a kind of file the studio reads.`, {
        hint: 'Drop a CSV or JSON of points (x,y), an SVG with <path> elements, or a PNG or JPEG of a dark shape on a light background.',
      });
    }
    // Refused before it is read: a huge file would otherwise be loaded into the page's memory whole.
    checkDataFileSize(name, file.size);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const files = new Map([[name, bytes]]);
    const plugin = fileDatasetPlugins().find((p) => p.id === kind) as FvPlugin<'dataset'>;
    const raw = { ...opts.options, file: name };
    const seed = opts.seed ?? 42;
    // As the pipeline creates it: options validated by the dataset's schema, messages worded as the cli words them.
    const ctx = { baseDir: '', rng: createRng(seed, 'plugins'), run: { seed, dataNoise: 0, sigmaMin: 0 }, log: () => undefined, files: memoryFiles(files) };
    const dataset = await instantiate(plugin, raw, ctx, 'data.options');
    const preview = await dataset.sample(opts.previewPoints ?? 2000, createRng(seed, 'preview'));
    return { ok: true, name, kind, files, data: { name: kind, options: raw }, preview };
  } catch (e) {
    return problem(name, e);
  }
}

/**
 * The data config of a dropped points file (CSV/JSON) with its points listed inline instead of naming the file, so
 * that an exported config.yaml needs no file beside it; the same points, so the same training data for the same
 * seed. Undefined for an SVG or an image (their config names the file).
 */
export function inlinePointsConfig(dropped: DroppedData): { name: 'points'; options: { points: [number, number][]; normalize: boolean } } | undefined {
  if (dropped.kind !== 'points') return undefined;
  const raw = parsePoints(userText(dropped.files.get(dropped.name)!), dropped.name, 'fv:dataset-points');
  const points: [number, number][] = [];
  for (let i = 0; i < raw.length; i += 2) points.push([raw[i], raw[i + 1]]);
  return { name: 'points', options: { points, normalize: dropped.data.options.normalize !== false } };
}

export interface FileDrop {
  /** Opens the system's file picker (the same handling as a drop). */
  pick(): void;
  destroy(): void;
}

/**
 * Makes `target` take dropped files (the first one counts) and gives a picker for the same: each file is read by
 * readDroppedFile and its result handed to `onResult`. While a file is dragged over it, `target` has the class
 * `fv-drop-over`.
 */
export function attachFileDrop(target: HTMLElement, onResult: (r: DroppedData | DropProblem) => void, opts: DropOptions = {}): FileDrop {
  const input = target.ownerDocument.createElement('input');
  input.type = 'file';
  input.accept = '.csv,.tsv,.txt,.json,.svg,.png,.jpg,.jpeg';
  input.hidden = true;
  target.append(input);
  const take = async (f: File | undefined) => f && onResult(await readDroppedFile(f, opts));
  const over = (e: DragEvent) => {
    e.preventDefault();
    target.classList.add('fv-drop-over');
  };
  const leave = () => target.classList.remove('fv-drop-over');
  const drop = (e: DragEvent) => {
    e.preventDefault();
    leave();
    void take(e.dataTransfer?.files?.[0]);
  };
  const picked = () => {
    void take(input.files?.[0]);
    input.value = '';
  };
  target.addEventListener('dragover', over);
  target.addEventListener('dragleave', leave);
  target.addEventListener('drop', drop);
  input.addEventListener('change', picked);
  return {
    pick: () => input.click(),
    destroy() {
      target.removeEventListener('dragover', over);
      target.removeEventListener('dragleave', leave);
      target.removeEventListener('drop', drop);
      input.remove();
    },
  };
}
