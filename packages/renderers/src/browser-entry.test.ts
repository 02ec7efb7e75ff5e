import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBrowserEntries } from '@flow-visualizer/core/testing';

// The Vega-Lite spec builders run in a browser (a page draws the same plots with vega-embed); rendering to files
// (resvg, canvas, the report) stays in the main entry, for Node. The plotting module (theme, points, arrows) is
// drawn with in Flow Studio and in report.html's page script.
describeBrowserEntries(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), ['./specs', './plot']);
