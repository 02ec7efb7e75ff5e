#!/usr/bin/env node
// The original tool's `fv-train`, kept for its users' habits: same as `fv train`.
import { run } from './run.js';

await run(['train']);
