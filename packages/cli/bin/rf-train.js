#!/usr/bin/env node
// The original tool's `rf-train`, kept for its users' habits: `fv reflow --no-draw` (train from a base run, save).
import { run } from './run.js';

await run(['reflow', '--no-draw']);
