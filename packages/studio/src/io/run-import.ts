import { FvError, type ModelSpec } from '@flow-visualizer/core';
import { decodeModelFiles, parseModelJson, decodeWeights, MODEL_FILE, type MlpState } from '@flow-visualizer/backends/browser';
import { importConfigYaml } from './config-file.js';
import type { StudioValues } from './problems.js';
import { checkSameNetwork } from './same-network.js';
import { unzipFiles } from './unzip.js';

/** One file picked from a run folder: its path as picked (webkitRelativePath, or the bare name) and its bytes. */
export interface RunFile {
  path: string;
  data: Uint8Array | ArrayBuffer | string;
}

/** A CLI run, read back: its settings, its model (spec + weights and Adam state), and its loss history when kept. */
export interface ImportedRun {
  values: StudioValues;
  spec: ModelSpec;
  state: MlpState;
  /** The backend that trained it (model.json's `backend`). */
  backend: string;
  /** Per-epoch losses from metrics.json (empty when it was not picked). */
  lossHistory: number[];
  /** The run folder as picked ('' when the files were picked one by one). */
  folder: string;
  warnings: string[];
}

/** A File as a page gets it from <input type=file webkitdirectory> or a drop. */
export interface PickedFile {
  name: string;
  webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const MODEL_DIR = 'models/velocity_net';
const PICK_HINT = 'Pick the run folder (its output.dir, which holds config.yaml and models/velocity_net/), or pick config.yaml, model.json and weights.bin together.';

/** Whether a path is one importRun reads (the rest of a run folder, pictures and samples, is not needed). */
export function isRunFile(p: string): boolean {
  const path = p.replace(/\\/g, '/');
  if (/(^|\/)models\/checkpoint\//.test(path)) return false;
  return /\.ya?ml$/i.test(path) || /(^|\/)(metrics\.json|model\.json|weights\.bin)$/.test(path) || /(^|\/)models\/velocity_net\/[^/]+$/.test(path);
}

/**
 * Reads picked files into RunFiles (paths with forward slashes, as picked: `run/config.yaml` from a folder picker).
 * A picked .zip (a run folder zipped on a server, or the page's own export) is opened and its run files taken.
 */
export async function readPickedFiles(files: Iterable<PickedFile> | ArrayLike<PickedFile>): Promise<RunFile[]> {
  const list = Array.from(files as ArrayLike<PickedFile>);
  const read = await Promise.all(
    list.map(async (f): Promise<RunFile[]> => {
      const path = f.webkitRelativePath || f.name;
      if (/\.zip$/i.test(path)) return unzipFiles(new Uint8Array(await f.arrayBuffer()), { keep: isRunFile, shown: f.name });
      // The pictures and samples of a picked folder are not even read.
      return isRunFile(path) ? [{ path, data: new Uint8Array(await f.arrayBuffer()) }] : [];
    }),
  );
  return read.flat();
}

/**
 * Files picked from a run that `fv run` (or `fv train`) wrote → the settings and the trained model, checked as
 * `fv visualize` checks them: CONFIG_NOT_FOUND / MODEL_NOT_FOUND naming what is missing, CONFIG_PARSE /
 * CONFIG_INVALID for a broken config.yaml (per key), MODEL_INVALID for damaged model files or a model that is
 * not the config's network. The checkpoint folder (models/checkpoint) is not the finished model and is ignored.
 */
export function importRun(picked: readonly RunFile[]): ImportedRun {
  const files = picked.map((f) => ({ ...f, path: f.path.replace(/\\/g, '/').replace(/^\.\//, '') })).filter((f) => !/(^|\/)models\/checkpoint\//.test(f.path));
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const dir = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
  // config.yaml as `fv run` names it; or the one YAML file picked (a config saved under another name).
  const named = files.filter((f) => /^config\.ya?ml$/.test(base(f.path)));
  const yamls = files.filter((f) => /\.ya?ml$/i.test(f.path));
  const configs = named.length ? named : yamls.length === 1 ? yamls : [];
  const models = files.filter((f) => base(f.path) === MODEL_FILE);
  if (!configs.length && yamls.length > 1) {
    throw new FvError('CONFIG_NOT_FOUND', `${yamls.length} YAML files were picked (${yamls.map((f) => f.path).join(', ')}) and none is config.yaml: which one holds the run's settings is unclear.`, { hint: PICK_HINT });
  }
  if (!configs.length) {
    throw new FvError('CONFIG_NOT_FOUND', `No config.yaml among the ${files.length} picked file${files.length === 1 ? '' : 's'}: the run's settings are in <run folder>/config.yaml.`, { hint: PICK_HINT });
  }
  if (!models.length) {
    throw new FvError('MODEL_NOT_FOUND', `No trained model among the picked files (${MODEL_DIR}/${MODEL_FILE} is missing).`, {
      hint: `${PICK_HINT} A run stopped before its end has only a checkpoint: finish it with fv train --resume.`,
    });
  }
  // Each run folder R that holds R/config.yaml and R/models/velocity_net/model.json; or, picked one by one, the pair.
  const runs = configs
    .map((c) => ({ config: c, folder: dir(c.path), model: models.find((m) => dir(m.path) === [dir(c.path), MODEL_DIR].filter(Boolean).join('/')) }))
    .filter((r) => r.model);
  let run: { config: RunFile; folder: string; model: RunFile };
  if (runs.length === 1) run = runs[0] as typeof run;
  else if (runs.length > 1) {
    throw new FvError('USAGE', `The picked files hold ${runs.length} runs (${runs.map((r) => r.folder || '.').join(', ')}); the page shows one at a time.`, { hint: 'Pick one run folder.' });
  } else if (configs.length === 1 && models.length === 1) run = { config: configs[0], folder: '', model: models[0] };
  else {
    throw new FvError('MODEL_NOT_FOUND', `None of the picked config.yaml files (${configs.map((c) => c.path).join(', ')}) has its model beside it in ${MODEL_DIR}/.`, { hint: PICK_HINT });
  }

  const shownModel = dir(run.model.path) || MODEL_DIR;
  const header = parseModelJson(text(run.model.data), shownModel);
  const weightsPath = [dir(run.model.path), header.weightsPath].filter(Boolean).join('/');
  const weights = files.find((f) => f.path === weightsPath) ?? (run.folder ? undefined : files.find((f) => base(f.path) === base(header.weightsPath)));
  if (!weights) {
    throw new FvError('MODEL_NOT_FOUND', `The model in ${shownModel} has no ${base(header.weightsPath)} among the picked files (model.json lists its weights there).`, { hint: PICK_HINT });
  }
  const state = decodeWeights(header, bytes(weights.data), shownModel);
  const { values, warnings } = importConfigYaml(text(run.config.data), run.config.path);
  checkSameNetwork(values, header.spec, shownModel, run.config.path);
  return { values, spec: header.spec, state, backend: header.backend, lossHistory: lossHistoryOf(files, run.folder, warnings), folder: run.folder, warnings };
}

/** model.json + weights.bin alone (no config): the model, for a page that already has settings. */
export function importModelFiles(modelJson: RunFile, weights: RunFile): { spec: ModelSpec; state: MlpState; backend: string } {
  return decodeModelFiles(text(modelJson.data), bytes(weights.data), modelJson.path);
}

/** metrics.json's loss_history in the run folder, when picked; a broken one is a warning, not a failure. */
function lossHistoryOf(files: readonly RunFile[], folder: string, warnings: string[]): number[] {
  const path = [folder, 'metrics.json'].filter(Boolean).join('/');
  const f = files.find((x) => x.path === path);
  if (!f) return [];
  try {
    const h = (JSON.parse(text(f.data)) as { loss_history?: unknown }).loss_history;
    if (Array.isArray(h) && h.every((x) => typeof x === 'number')) return h as number[];
  } catch {
    // reported below
  }
  warnings.push(`${path} has no readable loss_history; the loss curve starts empty.`);
  return [];
}

function bytes(d: RunFile['data']): Uint8Array {
  return typeof d === 'string' ? new TextEncoder().encode(d) : d instanceof Uint8Array ? d : new Uint8Array(d);
}

function text(d: RunFile['data']): string {
  return typeof d === 'string' ? d : new TextDecoder().decode(bytes(d));
}
