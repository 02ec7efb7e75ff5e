import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBrowserEntries } from '@flow-visualizer/core/testing';

// Every dataset runs in a browser (the studio imports them); the user shapes read through the host's reader, and
// the disk reader (fs, @napi-rs/canvas) is in '@flow-visualizer/datasets/node'.
describeBrowserEntries(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), ['.']);
