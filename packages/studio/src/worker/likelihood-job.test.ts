/**
 * The worker's likelihood jobs on the real cpu backend (tfjs-cpu, in this process): a request posts one set of
 * figures whose NLL is core's logProb on the same model (the frozen copy changes nothing), and a cancel (a new
 * model) drops the job in progress so that nothing of the old model reaches the page.
 */
import { createRng, logProb, meanNll, modelSpecOf } from '@flow-visualizer/core';
import { browserCpuBackend } from '@flow-visualizer/backends/browser';
import { rk4 } from '@flow-visualizer/integrators';
import { parseValues } from '../config/settings.js';
import { LIKELIHOOD_GRID, LikelihoodJobs, type LikelihoodInput } from './likelihood-job.js';
import type { WorkerEvent } from './protocol.js';

async function setup(): Promise<LikelihoodInput> {
  const config = parseValues({ model: { hidden_dims: [16, 16], time_embed_dim: 4 }, likelihood: { steps: 4 } });
  const backend = browserCpuBackend();
  const model = await backend.createModel(modelSpecOf(config));
  const rng = createRng(1, 'test');
  const pts = (n: number) => Float32Array.from({ length: 2 * n }, () => rng.normal());
  return { config, model, backend, integrator: rk4(), heldOut: pts(50), target: pts(200), epoch: 3, logDet: 0 };
}

function collect(): { events: WorkerEvent[]; jobs: LikelihoodJobs } {
  const events: WorkerEvent[] = [];
  return { events, jobs: new LikelihoodJobs((e) => events.push(e)) };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LikelihoodJobs', () => {
  it('posts the NLL that logProb gives for the same model, and both log-density grids', async () => {
    const input = await setup();
    const { events, jobs } = collect();
    jobs.request(() => input);
    while (!events.length) await settle(20);
    expect(events).toHaveLength(1);
    const e = events[0];
    if (e.type !== 'likelihood') throw new Error(`expected figures, got ${JSON.stringify(e)}`);
    const direct = await logProb(input.model, input.heldOut, { integrator: rk4(), steps: 4 });
    expect(e.figures.nll).toBeCloseTo(meanNll(direct.exact), 4);
    expect(e.figures).toMatchObject({ epoch: 3, integrator: 'rk4', steps: 4, nllPoints: 50, gridSize: LIKELIHOOD_GRID });
    expect(e.figures.modelLogp).toHaveLength(LIKELIHOOD_GRID ** 2);
    expect(e.figures.targetLogp).toHaveLength(LIKELIHOOD_GRID ** 2);
    expect(e.figures.modelLogp!.every(Number.isFinite)).toBe(true);
    input.model.dispose();
  });

  it('drops a job cancelled while it runs: only the next model\'s figures are posted', async () => {
    const input = await setup();
    const { events, jobs } = collect();
    jobs.request(() => input);
    await settle(0);
    jobs.cancel();
    // The next model's request waits for the cancelled job to end, so once its figures arrive the old job is over.
    jobs.request(() => ({ ...input, epoch: 4 }));
    while (!events.length) await settle(20);
    await settle(200);
    expect(events.map((e) => (e.type === 'likelihood' ? e.figures.epoch : e.type))).toEqual([4]);
    input.model.dispose();
  });
});
