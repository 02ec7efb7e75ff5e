/**
 * The round trip with the CLI from the page: "Export run" downloads config.yaml + models/velocity_net/ as one
 * .zip (unzip it and run `fv visualize --config config.yaml`); "Import run" reads a CLI run folder (or its
 * config.yaml, model.json and weights.bin, or a .zip of either) and hands it to the worker; "config.yaml" downloads the settings alone.
 */
import { clipMessage } from '../controls/clip-message.js';
import { importRun, readPickedFiles, exportConfigYaml, fvRunLine, valuesToOverrides, zipFiles, type ImportedRun } from '../io/index.js';
import type { RunFileOut } from '../worker/protocol.js';
import { button } from './button.js';

export interface RunIoHandlers {
  exportFiles(): Promise<RunFileOut[] | string>;
  values(): unknown;
  imported(run: ImportedRun): Promise<string | undefined>;
}

export class RunIo {
  readonly root: HTMLElement;
  private readonly msg: HTMLElement;
  private readonly command: HTMLElement;

  constructor(private readonly h: RunIoHandlers) {
    this.root = document.createElement('div');
    this.root.className = 'run-io';
    const exportRun = button('Export run', 'export-run', () => void this.exportRun());
    const exportConfig = button('config.yaml', 'export-config', () => this.exportConfig());
    const folder = picker('import-folder', true);
    const files = picker('import-files', false);
    const importFolder = button('Import run…', 'import-run', () => folder.click());
    importFolder.title = 'A folder that fv run wrote (config.yaml + models/velocity_net/).';
    const importFiles = button('…or its files', 'import-run-files', () => files.click());
    importFiles.title = 'config.yaml, model.json and weights.bin (and metrics.json for the loss), or a .zip of the run.';
    files.accept = '.yaml,.yml,.json,.bin,.zip';
    this.msg = document.createElement('p');
    this.msg.className = 'msg';
    this.msg.setAttribute('role', 'alert');
    for (const input of [folder, files]) input.addEventListener('change', () => void this.importFrom(input));
    this.command = document.createElement('code');
    this.command.className = 'cli-command';
    this.command.title = 'The same run from the command line';
    this.root.append(exportRun, exportConfig, importFolder, importFiles, folder, files, this.msg, this.command);
  }

  /** Shows the `fv run` command line of these settings (a drawn or dropped shape left out: export it instead). */
  showCommand(values: unknown, skip: string[]): void {
    // output.dir is always left out; the note is for a drawn or dropped target or source, which the line lacks.
    const own = skip.filter((k) => k !== 'output');
    this.command.textContent = fvRunLine(valuesToOverrides(values, { skip })) + (own.length ? `   # with your own ${own.includes('data') ? 'data' : 'start'}: export config.yaml and run fv run --config config.yaml` : '');
  }

  async importFrom(input: HTMLInputElement): Promise<void> {
    this.msg.textContent = '';
    try {
      const run = importRun(await readPickedFiles(input.files ?? []));
      const problem = await this.h.imported(run);
      this.msg.textContent = clipMessage(problem ?? (run.warnings.length ? run.warnings.join(' ') : ''));
    } catch (e) {
      const err = e as { message?: string; hint?: string };
      this.msg.textContent = clipMessage([err.message ?? String(e), err.hint].filter(Boolean).join(' '));
    } finally {
      input.value = '';
    }
  }

  private async exportRun(): Promise<void> {
    this.msg.textContent = '';
    const files = await this.h.exportFiles();
    if (typeof files === 'string') this.msg.textContent = files;
    else download('studio-run.zip', zipFiles(files), 'application/zip');
  }

  private exportConfig(): void {
    download('config.yaml', new TextEncoder().encode(exportConfigYaml(this.h.values())), 'application/yaml');
  }
}

function download(name: string, data: Uint8Array, mime: string): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}


function picker(name: string, folder: boolean): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'file';
  input.name = name;
  input.multiple = true;
  input.hidden = true;
  if (folder) input.setAttribute('webkitdirectory', '');
  return input;
}
