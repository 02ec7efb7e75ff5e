import { createRng, logProb, type ModelSpec, type VelocityBackend } from '@flow-visualizer/core';
import { cpuBackend, nativeBackend, wasmBackend } from '@flow-visualizer/backends';
import { rk4 } from '@flow-visualizer/integrators';

// The same model gives the same log p on every backend: cpu and wasm (tfjs, forward-mode tangents) and native
// (the C addon's Jacobian), to float rounding carried through the solve.

const spec: ModelSpec = { dataDim: 2, timeEmbedDim: 8, hiddenDims: [32, 32], learningRate: 1e-2, seed: 9 };

async function logpOn(make: () => VelocityBackend): Promise<Float64Array | undefined> {
  const backend = make();
  if (!(await backend.probe()).ok) return undefined;
  const m = await backend.createModel(spec);
  const rng = createRng(2, 'batches');
  for (let s = 0; s < 15; s++) {
    const x = rng.fillNormal(new Float32Array(128)), t = rng.fillUniform(new Float32Array(64)), y = rng.fillNormal(new Float32Array(128));
    await m.trainStep({ x, t, target: y });
  }
  const pts = createRng(3, 'points').fillNormal(new Float32Array(2 * 60));
  const r = await logProb(m, pts, { integrator: rk4(), steps: 20 });
  m.dispose();
  return r.logp;
}

it('cpu, wasm and native give the same log p within float rounding', async () => {
  const cpu = (await logpOn(cpuBackend))!;
  for (const make of [wasmBackend, nativeBackend]) {
    const other = await logpOn(make);
    if (!other) continue; // native not built here
    for (let i = 0; i < cpu.length; i++) expect(Math.abs(other[i] - cpu[i])).toBeLessThan(1e-3);
  }
}, 60_000);
