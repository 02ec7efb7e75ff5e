#!/usr/bin/env node
// The original tool's `rf-visualize`: a reflow run folder is an ordinary run, so this is `fv visualize`.
import { run } from './run.js';

await run(['visualize']);
