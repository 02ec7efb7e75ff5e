import { wasmBackend } from '../backends/tfjs-backends.js';
import { describeModelBehaviour } from '../test-utils/model-suite.js';

describeModelBehaviour('wasm', wasmBackend, { steps: 60 });
