import type { FvConfig } from '../../config/schema.js';
import { FvError } from '../../errors.js';
import type { VelocityModel } from '../../ports/velocity-model.js';
import { networkLabel, sameNetworkKind } from '../training/network-label.js';
import { modelSpecOf } from '../training/train.js';
import { fourierLabel } from '../training/fourier-spec.js';

/** A saved model must be the network the config describes (else loading it would train or draw something else). */
export function checkArchitecture(config: FvConfig, model: VelocityModel): void {
  const m = config.model;
  const s = model.spec;
  const saved = s.architecture ?? 'mlp';
  const want = modelSpecOf(config);
  if (!sameNetworkKind(s, want)) {
    throw new FvError('MODEL_INVALID', `The saved model is a ${networkLabel(s)}, but the config asks for a ${networkLabel(want)}.`, {
      hint: 'Use the config the model was trained with (it is saved as <output.dir>/config.yaml), or train a new model.',
    });
  }
  if (Boolean(s.condDim) !== config.model.conditional) {
    throw new FvError('MODEL_INVALID', `The saved model is ${s.condDim ? 'conditional' : 'unconditional'}, but the config says model.conditional=${config.model.conditional}.`, {
      hint: 'Use the config the model was trained with (it is saved as <output.dir>/config.yaml), or train a new model.',
    });
  }
  const savedFourier = fourierLabel(s), wantFourier = fourierLabel(want);
  if (savedFourier !== wantFourier) {
    throw new FvError('MODEL_INVALID', `The saved model has model.${savedFourier}, but the config asks for model.${wantFourier}.`, {
      hint: 'Use the config the model was trained with (it is saved as <output.dir>/config.yaml), or train a new model.',
    });
  }
  if (saved === 'mlp' && (s.timeEmbedDim !== m.time_embed_dim || s.hiddenDims.join(',') !== m.hidden_dims.join(','))) {
    throw new FvError('MODEL_INVALID', `The saved model has hidden_dims [${s.hiddenDims.join(', ')}] and time_embed_dim ${s.timeEmbedDim}, but the config asks for [${m.hidden_dims.join(', ')}] and ${m.time_embed_dim}.`, {
      hint: 'Use the config the model was trained with (it is saved as <output.dir>/config.yaml), or train a new model.',
    });
  }
}

/** A resumed run goes on with the saved optimiser (its schedule's length included): say so when the config differs. */
export function checkOptimizer(config: FvConfig, model: VelocityModel): void {
  const saved = model.spec.optimizer, wanted = modelSpecOf(config).optimizer;
  // A constant rate does not depend on the run's length: n_epochs may then grow on resume, as with plain Adam.
  const key = (o: typeof saved) => JSON.stringify(o ? { ...o, totalSteps: o.schedule === 'constant' ? 0 : o.totalSteps } : null);
  if (key(saved) === key(wanted)) return;
  const say = (o: typeof saved) => (o ? `${o.kind}, weight_decay ${o.weightDecay}, grad_clip ${o.gradClip}, ${o.schedule} over ${o.totalSteps} steps, warm-up ${o.warmupSteps}` : 'plain adam, constant rate');
  throw new FvError('USAGE', `The checkpoint was trained with ${say(saved)}; the config asks for ${say(wanted)}.`, {
    hint: 'Resume with the optimiser keys (and, for a decaying schedule, training.n_epochs) of the run being resumed, or train a new model.',
  });
}
