import { wasmBackend } from '../backends/tfjs-backends.js';
import { describeBackendContract } from '@flow-visualizer/core/testing';

describeBackendContract('wasm', wasmBackend, { steps: 60 });
