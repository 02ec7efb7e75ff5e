import path from 'node:path';
import { FvError, type ModelSpec } from '@flow-visualizer/core';
import { paramInfos } from './spec.js';
import { usesEma } from './ema.js';
import { loadMlp } from './store.js';
import type { MlpState } from './state.js';

/**
 * The training state of a new model of `spec` that starts where the model saved in `dir` left off: its weights
 * are the ones that model predicts with (the moving average when it keeps one), and the optimizer starts afresh
 * (step 0, zero moments), as a fine-tuning run starts from a checkpoint's weights with a new optimizer. The
 * learning rate, seed and averaging are `spec`'s, not the saved model's.
 */
export async function warmStartState(spec: ModelSpec, dir: string): Promise<MlpState> {
  const saved = await loadMlp(dir);
  const want = paramInfos(spec), have = paramInfos(saved.spec);
  const layout = (l: typeof want) => l.map((p) => `${p.name}[${p.shape.join('x')}]`).join(' ');
  if (layout(want) !== layout(have)) {
    throw new FvError('MODEL_INVALID', `The model in ${path.relative(process.cwd(), dir) || dir} has other weights than the config's architecture needs (${have.length} arrays vs ${want.length}: ${layout(have).slice(0, 120)}…).`, {
      hint: 'Start from a model trained with the same model.* settings, or change model.* to the saved model\'s.',
    });
  }
  const weights = saved.state.ema ?? saved.state.params;
  const params = weights.map((w) => Float32Array.from(w));
  const zeros = () => want.map((p) => new Float32Array(p.size));
  return { params, m: zeros(), v: zeros(), step: 0, ...(usesEma(spec) ? { ema: params.map((p) => Float32Array.from(p)) } : {}) };
}
