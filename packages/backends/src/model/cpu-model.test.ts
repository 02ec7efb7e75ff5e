import { cpuBackend } from '../backends/tfjs-backends.js';
import { describeModelBehaviour } from '../test-utils/model-suite.js';
import { RES_SPEC } from '../test-utils/batches.js';

// tfjs-cpu is ~20× slower than wasm: the same checks on a smaller network.
describeModelBehaviour('cpu', cpuBackend, { steps: 60, spec: { dataDim: 2, timeEmbedDim: 4, hiddenDims: [16, 16], learningRate: 5e-3, seed: 2 }, optimCombos: 'some' });
describeModelBehaviour('cpu (resmlp)', cpuBackend, { steps: 60, spec: { ...RES_SPEC, learningRate: 5e-3 }, optimCombos: 'some' });
