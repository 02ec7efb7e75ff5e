import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBrowserEntries } from '@flow-visualizer/core/testing';

// The built-in shapes run in a browser (the studio imports them); the file readers are in '@flow-visualizer/datasets/node'.
describeBrowserEntries(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), ['.']);
