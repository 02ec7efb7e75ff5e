import { cpuBackend } from '../backends/tfjs-backends.js';
import { RES_SPEC, describeBackendContract } from '@flow-visualizer/core/testing';

// tfjs-cpu is ~20× slower than wasm: the same checks on a smaller network.
describeBackendContract('cpu', cpuBackend, { steps: 60, spec: { dataDim: 2, timeEmbedDim: 4, hiddenDims: [16, 16], learningRate: 5e-3, seed: 2 }, optimCombos: 'some' });
describeBackendContract('cpu (resmlp)', cpuBackend, { steps: 60, spec: { ...RES_SPEC, learningRate: 5e-3 }, optimCombos: 'some' });
