#!/usr/bin/env node
// The original tool's `fv-visualize`, kept for its users' habits: same as `fv visualize`.
import { main } from '../main.js';

process.exit(await main(['visualize', ...process.argv.slice(2)]));
