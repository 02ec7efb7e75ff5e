// The root README's contract-suite snippet, as written there.
import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { ConfigSchema, pluginContext } from '@flow-visualizer/core';
import { heart } from '../src/index.js';

// The context a run would give the plugin: a default config's values, this folder as baseDir.
const ctx = pluginContext(ConfigSchema.parse({}), process.cwd());
describeDatasetContract('heart', () => heart().create({ fill: true }, ctx));
