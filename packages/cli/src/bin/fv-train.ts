#!/usr/bin/env node
// The original tool's `fv-train`, kept for its users' habits: same as `fv train`.
import { main } from '../main.js';

process.exit(await main(['train', ...process.argv.slice(2)]));
