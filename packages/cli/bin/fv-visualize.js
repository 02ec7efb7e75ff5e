#!/usr/bin/env node
// The original tool's `fv-visualize`, kept for its users' habits: same as `fv visualize`.
import { run } from './run.js';

await run(['visualize']);
