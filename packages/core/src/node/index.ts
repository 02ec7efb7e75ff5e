/**
 * @flow-visualizer/core/node: the parts of core that need Node.js. Config files (resolveConfig, loadConfigChain),
 * atomic file writes and CSV, the output layout, checkpoints, `visualize`, the `Pipeline` orchestrator and `run` (they write files), the
 * built-module lookup for worker threads, and the worker threads that pair batches beside training. The main
 * entry (`@flow-visualizer/core`) imports none of these, so that it bundles for a browser.
 *
 * Importing this entry installs Node's worker threads as the pairing thread host (as tfjs-node installs its
 * platform on import): training started from the main entry then pairs the next batches on worker threads.
 */
import { setPairingThreadHost } from '../pipeline/pairing/pairing-pool.js';
import { nodePairingThreads } from './pairing-threads.js';

setPairingThreadHost(nodePairingThreads);

export { nodePairingThreads } from './pairing-threads.js';
export * from '../config/load-file.js';
export * from '../config/resolve.js';
export * from '../io/index.js';
export * from '../pipeline/persistence/layout.js';
export * from '../pipeline/persistence/checkpoint.js';
export * from '../pipeline/sampling/visualize.js';
export * from '../pipeline/run.js';
export { Pipeline, type PipelineHooks, type PipelinePorts, type PipelineServices, type TrainOptions, type TrainStart, type TrainingState } from '../pipeline/pipeline.js';
export * from '../pipeline/persistence/run-services.js';
export * from '../pipeline/persistence/resume-checks.js';
export * from './built-module.js';
export * from '../pipeline/training/estimate.js';
export * from '../pipeline/persistence/evolution-file.js';
export * from '../pipeline/training/reflow.js';
