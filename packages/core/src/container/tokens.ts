/**
 * Tokens of the services a run's container holds besides the ports (whose tokens live beside their interfaces in
 * ports/*.ts). `Symbol.for`, like the port tokens, so that two installed copies of core agree.
 */

/** The resolved, frozen config of the run (FvConfig). Child container. */
export const FV_CONFIG = Symbol.for('fv.Config');
/** The PluginRegistry: built-ins in the root, the built-ins plus the config's `plugins:` in a child. */
export const PLUGIN_REGISTRY = Symbol.for('fv.PluginRegistry');
/** Folder that relative paths of the config resolve against (the config file's folder). Child container. */
export const BASE_DIR = Symbol.for('fv.BaseDir');
/** `(message) => void`: the command's log (its verbosity decides what shows). A plugin may ask for it. */
export const LOG = Symbol.for('fv.Log');
/** `(message) => void`: what the user must see whatever the verbosity (an old config key read under its new name). */
export const NOTE = Symbol.for('fv.Note');
/** `(stream) => Rng`: the run's seeded random streams, one per label (training.seed). Child container. */
export const RNG_STREAMS = Symbol.for('fv.RngStreams');
/** The PluginContext every plugin of the run is created with (one per child, shared by its plugins). */
export const PLUGIN_CONTEXT = Symbol.for('fv.PluginContext');
/** Promise<FlowOptions>: flow.path_options and flow.pairing_options, split once per run (notes said once). */
export const FLOW_OPTIONS = Symbol.for('fv.FlowOptions');
/** Each chosen renderer plugin's options, the old visualization.* keys it declares routed in (renderer-options.ts). */
export const RENDERER_OPTIONS = Symbol.for('fv.RendererOptions');
/** Promise<Integrator>: the solver of likelihood.integrator (log p, the likelihood pictures). Child container. */
export const LIKELIHOOD_INTEGRATOR = Symbol.for('fv.LikelihoodIntegrator');
/** string[]: one line per backend considered while taking the run's backend (filled when it is resolved). */
export const BACKEND_REPORT = Symbol.for('fv.BackendReport');
/** `{ now(): Date }`: the clock (checkpoints record when they were saved). Root container. */
export const CLOCK = Symbol.for('fv.Clock');

export interface Clock {
  now(): Date;
}

/** CheckpointStore: resumable checkpoints on disk. Root container (Node). */
export const CHECKPOINT_STORE = Symbol.for('fv.CheckpointStore');
/** MetricsWriter: writes metrics.json. Root container (Node). */
export const METRICS_WRITER = Symbol.for('fv.MetricsWriter');
/** FolderLocks: the output-folder locks this process holds. Root container (Node). */
export const FOLDER_LOCKS = Symbol.for('fv.FolderLocks');
/** RunFolder: the run's output folder (layout, claim and lock). Child container (Node). */
export const RUN_FOLDER = Symbol.for('fv.RunFolder');
/** Pipeline: the run's orchestrator over the child's ports and the services above. Child container (Node). */
export const PIPELINE = Symbol.for('fv.Pipeline');
