import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBrowserEntries } from '@flow-visualizer/core/testing';

// The browser backend runs in a page (the cli's pipeline.browser test trains with it in Chromium); the main
// entry (native C, tfjs-node, worker threads, model folders) is for Node.
describeBrowserEntries(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), ['./browser']);
