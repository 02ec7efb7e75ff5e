const core = await import('@flow-visualizer/core');
const rng = core.createRng(42, 'x');
const data = new Float32Array(20000).map(() => Math.random());
const path = core.linearPath();
const { drawEpochBatches } = await import(process.cwd() + '/packages/core/dist/pipeline/epoch-batches.js');
for (let r = 0; r < 3; r++) {
  let t0 = performance.now();
  let bs;
  for (let e = 0; e < 50; e++) bs = drawEpochBatches(data, 256, core.createRng(42, 'e' + e));
  const draw = (performance.now() - t0) / 50;
  t0 = performance.now();
  for (let e = 0; e < 50; e++) for (const b of bs) path.batch(b.x0, b.x1, b.t);
  const pb = (performance.now() - t0) / 50;
  t0 = performance.now();
  for (let e = 0; e < 50; e++) { const r2 = core.createRng(1, 'p' + e); r2.permutation(10000); }
  const perm = (performance.now() - t0) / 50;
  t0 = performance.now();
  for (let e = 0; e < 50; e++) { const r2 = core.createRng(1, 'p' + e); r2.fillNormal(new Float32Array(20000)); }
  const nrm = (performance.now() - t0) / 50;
  console.log(`per epoch ms: draw ${draw.toFixed(3)} (perm ${perm.toFixed(3)}, normal ${nrm.toFixed(3)}), path.batch ${pb.toFixed(3)}; per step: ${((draw + pb) / 40).toFixed(4)}`);
}
