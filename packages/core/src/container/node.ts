import { POINT_SOURCE } from '../ports/point-source.js';
import { ASSIGNMENT_SOLVER } from '../ports/assignment.js';
import { instanceCachingFactory, type DependencyContainer } from 'tsyringe';
import type { FvConfig } from '../config/schema.js';
import { DATASET } from '../ports/dataset.js';
import { VELOCITY_BACKEND } from '../ports/backend.js';
import { INTEGRATOR } from '../ports/integrator.js';
import { PAIRING, PROBABILITY_PATH } from '../ports/probability-path.js';
import { Pipeline, type PipelinePorts } from '../pipeline/pipeline.js';
import {
  fileCheckpointStore,
  jsonMetricsWriter,
  processFolderLocks,
  runFolder,
  type CheckpointStore,
  type FolderLocks,
  type MetricsWriter,
  type RunFolder,
} from '../pipeline/persistence/run-services.js';
import { resolvePort, resolveRenderers } from './ports.js';
import { createRunContainer, type RunContainerOptions } from './run-container.js';
import { BASE_DIR, CHECKPOINT_STORE, CLOCK, LIKELIHOOD_INTEGRATOR, FOLDER_LOCKS, FV_CONFIG, METRICS_WRITER, PIPELINE, RUN_FOLDER, type Clock } from './tokens.js';

/**
 * @flow-visualizer/core/container/node: the Node services of the container (files, locks) and the Pipeline as a
 * registration. Load reflect-metadata before importing it.
 */

/** Registers on the process's root container what lives as long as the process: checkpoints, metrics, locks, clock. */
export function registerProcessServices(root: DependencyContainer): DependencyContainer {
  root.register(CHECKPOINT_STORE, { useValue: fileCheckpointStore() });
  root.register(METRICS_WRITER, { useValue: jsonMetricsWriter() });
  root.register(FOLDER_LOCKS, { useValue: processFolderLocks() });
  root.register(CLOCK, { useValue: { now: () => new Date() } satisfies Clock });
  return root;
}

/** A child for one command or run, with its ports (run-container.ts) plus its output folder and its Pipeline. */
export function createNodeRunContainer(parent: DependencyContainer, opts: RunContainerOptions): DependencyContainer {
  const c = createRunContainer(parent, opts);
  if (!c.isRegistered(RUN_FOLDER, false)) {
    c.register(RUN_FOLDER, { useFactory: instanceCachingFactory((k) => runFolder(k.resolve<FvConfig>(FV_CONFIG).output.dir, k.resolve<FolderLocks>(FOLDER_LOCKS))) });
  }
  if (!c.isRegistered(PIPELINE, false)) {
    c.register(PIPELINE, {
      useFactory: instanceCachingFactory(
        (k) =>
          new Pipeline(k.resolve<FvConfig>(FV_CONFIG), lazyPorts(k), {
            folder: k.resolve<RunFolder>(RUN_FOLDER),
            checkpoints: k.resolve<CheckpointStore>(CHECKPOINT_STORE),
            metrics: k.resolve<MetricsWriter>(METRICS_WRITER),
            clock: k.resolve<Clock>(CLOCK),
            baseDir: k.resolve<string>(BASE_DIR),
          }),
      ),
    });
  }
  return c;
}

/** The child's ports as the Pipeline takes them: each resolved (created) only when a step of the pipeline asks for it. */
function lazyPorts(k: DependencyContainer): PipelinePorts {
  return {
    get dataset() { return resolvePort(k, DATASET); },
    get backend() { return resolvePort(k, VELOCITY_BACKEND); },
    get integrator() { return resolvePort(k, INTEGRATOR); },
    get likelihoodIntegrator() { return resolvePort(k, LIKELIHOOD_INTEGRATOR); },
    get path() { return resolvePort(k, PROBABILITY_PATH); },
    get pairing() { return resolvePort(k, PAIRING); },
    get renderers() { return resolveRenderers(k); },
    get source() { return resolvePort(k, POINT_SOURCE); },
    get assignment() { return resolvePort(k, ASSIGNMENT_SOLVER); },
  } as PipelinePorts;
}
