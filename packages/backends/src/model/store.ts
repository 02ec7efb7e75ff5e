import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FvError, errorMessage, type ModelSpec } from '@flow-visualizer/core';
import { READ_LIMITS, outputError, readFileCapped } from '@flow-visualizer/core/node';
import type { MlpState } from './state.js';
import { MAX_MODEL_JSON_BYTES, MODEL_FILE, WEIGHTS_FILE, decodeWeights, encodeModelFiles, invalidModel, parseModelJson } from './model-files.js';

/** The folder of a saved model (Node): its files are model-files.ts' format, the one a page encodes too. */
export { MODEL_FILE, WEIGHTS_FILE, type ModelJson } from './model-files.js';

let counter = 0;

/**
 * Writes model.json + weights.bin (parameters, then Adam m and v) into `dir` as one unit: everything goes into
 * a fresh sibling folder that then replaces `dir` by rename, so a reader never sees a half-written model.
 */
export async function saveMlp(dir: string, spec: ModelSpec, backend: string, state: MlpState): Promise<void> {
  const { modelJson, weights } = encodeModelFiles(spec, state, backend);
  const abs = path.resolve(dir);
  const tmp = `${abs}.tmp-${process.pid}-${counter++}`;
  const old = `${abs}.old-${process.pid}-${counter++}`;
  try {
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    await writeFile(path.join(tmp, WEIGHTS_FILE), weights);
    await writeFile(path.join(tmp, MODEL_FILE), modelJson);
    if (existsSync(abs)) await rename(abs, old);
    await rename(tmp, abs);
    await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    if (!existsSync(abs) && existsSync(old)) await rename(old, abs).catch(() => undefined);
    throw outputError(abs, e);
  }
}

/** Reads a model written by saveMlp; MODEL_NOT_FOUND when there is none, MODEL_INVALID when it is damaged. */
export async function loadMlp(requested: string): Promise<{ spec: ModelSpec; state: MlpState; backend: string }> {
  const shown = path.relative(process.cwd(), requested) || requested;
  const dir = savedFolder(requested);
  const file = path.join(dir, MODEL_FILE);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new FvError('MODEL_NOT_FOUND', `No trained model in ${shown} (${MODEL_FILE} is missing).`, {
      hint: 'Run `fv train --config <config>` first, or point to the output folder of a finished run.',
    });
  }
  let text: string;
  try {
    text = readFileCapped(file, MAX_MODEL_JSON_BYTES, 'Model file', 'MODEL_INVALID').toString('utf8');
  } catch (e) {
    if (e instanceof FvError) throw e;
    throw invalidModel(shown, `${MODEL_FILE} cannot be read (${errorMessage(e)})`, e);
  }
  const header = parseModelJson(text, shown);
  const weightsFile = path.join(dir, header.weightsPath);
  let buf: Buffer;
  try {
    buf = readFileCapped(weightsFile, READ_LIMITS.model, 'Weights file', 'MODEL_INVALID');
  } catch (e) {
    if (e instanceof FvError) throw e;
    throw invalidModel(shown, `${path.basename(weightsFile)} cannot be read (${errorMessage(e)})`, e);
  }
  return { spec: header.spec, state: decodeWeights(header, buf, shown), backend: header.backend };
}

/**
 * The folder to read: `dir` itself, or, when a crash between saveMlp's two renames left it missing, the newest
 * complete sibling of that swap (`<dir>.tmp-*`, whose model.json is written last, then `<dir>.old-*`).
 */
function savedFolder(dir: string): string {
  if (existsSync(path.join(dir, MODEL_FILE))) return dir;
  const abs = path.resolve(dir);
  const parent = path.dirname(abs);
  if (!existsSync(parent)) return dir;
  const base = path.basename(abs);
  const complete = (name: string) => existsSync(path.join(parent, name, MODEL_FILE)) && existsSync(path.join(parent, name, WEIGHTS_FILE));
  const names = readdirSync(parent);
  const byAge = (a: string, b: string) => statSync(path.join(parent, b, MODEL_FILE)).mtimeMs - statSync(path.join(parent, a, MODEL_FILE)).mtimeMs;
  const tmp = names.filter((n) => n.startsWith(`${base}.tmp-`) && complete(n)).sort(byAge);
  const old = names.filter((n) => n.startsWith(`${base}.old-`) && complete(n)).sort(byAge);
  const found = tmp[0] ?? old[0];
  return found ? path.join(parent, found) : dir;
}
