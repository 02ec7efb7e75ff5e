#!/usr/bin/env node
// The `fv` command. Plain JavaScript, committed, so that npm links it at install time, before the TypeScript
// build (npm ci's prepare step) has written dist/.
import { run } from './run.js';

await run([]);
