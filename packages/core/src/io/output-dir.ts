import { homedir } from 'node:os';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { FvError } from '../errors.js';
import { systemFolderOf } from './system-folders.js';

/**
 * Names that an fv output folder holds: a folder with any of them is a previous run's, fine to write over.
 * overrides.txt and run.log are what a sweep writes into each run's folder before that run starts.
 */
const FV_MARKERS = ['config.yaml', 'models', 'metrics.json', 'samples', 'visualizations', 'multirun', 'overrides.txt', 'run.log'];

/**
 * Refuses output folders where fv would scatter files among someone else's: the file-system root, the home
 * folder, and an existing folder that holds files but nothing fv writes (so it is not a previous run's) — unless
 * `force`. OUTPUT_REFUSED (exit 2) says which and how to go on.
 */
export function checkOutputDir(dir: string, force = false, what = "the run's files"): void {
  if (force) return;
  const abs = path.resolve(dir);
  const rel = path.relative(process.cwd(), abs);
  const shown = rel && !rel.startsWith('..') ? rel : abs;
  const refuse = (why: string) =>
    new FvError('OUTPUT_REFUSED', `Refusing to write ${what} into ${shown}: ${why}.`, {
      hint: 'Choose a folder of its own, e.g. output.dir=outputs/my-run, or pass --force to write there anyway.',
    });
  if (abs === path.parse(abs).root) throw refuse('it is the root of the file system');
  if (abs === path.resolve(homedir())) throw refuse('it is your home folder');
  const system = systemFolderOf(abs);
  if (system) throw refuse(`it is ${system === abs ? 'the system folder' : 'in the system folder'} ${system}`);
  let st;
  try {
    st = statSync(abs, { throwIfNoEntry: false });
  } catch {
    return; // e.g. ENOTDIR (a file on the way): the write check that follows says so.
  }
  if (!st?.isDirectory()) return;
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch {
    return; // Unreadable: the write check that follows says so.
  }
  // Hidden names are ignored: fv's own temp files (a concurrent run's write probe, a lock being made) start with '.'.
  names = names.filter((n) => !n.startsWith('.'));
  if (names.length === 0 || names.some((n) => FV_MARKERS.includes(n))) return;
  if (abs === path.resolve(process.cwd())) throw refuse('it is the current folder, and it holds files that are not a previous run\'s');
  throw refuse(`it holds ${names.length === 1 ? '1 file that is' : `${names.length} files that are`} not a previous run's (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`);
}
