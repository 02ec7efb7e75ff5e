#!/usr/bin/env node
// `fv-reflow`: same as `fv reflow` (rectified flow from a base run), beside fv-train and fv-visualize.
import { run } from './run.js';

await run(['reflow']);
