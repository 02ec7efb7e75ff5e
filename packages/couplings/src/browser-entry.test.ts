import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBrowserEntries } from '@flow-visualizer/core/testing';

// The paths and pairings run in a browser (the studio trains with them): the main entry must bundle for it.
describeBrowserEntries(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), ['.']);
