import { wasmBackend } from '../backends/tfjs-backends.js';
import { describeModelBehaviour } from '../test-utils/model-suite.js';
import { RES_SPEC } from '../test-utils/batches.js';

describeModelBehaviour('wasm', wasmBackend, { steps: 60 });
describeModelBehaviour('wasm (resmlp)', wasmBackend, { steps: 60, spec: RES_SPEC, optimCombos: 'some' });
