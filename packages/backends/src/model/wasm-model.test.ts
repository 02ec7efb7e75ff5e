import { wasmBackend } from '../backends/tfjs-backends.js';
import { RES_SPEC, describeBackendContract } from '@flow-visualizer/core/testing';

describeBackendContract('wasm', wasmBackend, { steps: 60 });
describeBackendContract('wasm (resmlp)', wasmBackend, { steps: 60, spec: RES_SPEC, optimCombos: 'some' });
