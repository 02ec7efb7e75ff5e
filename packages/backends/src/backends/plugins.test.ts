import { PluginRegistry, selectBackend, type VelocityBackend } from '@flow-visualizer/core';
import { builtinBackendPlugins } from './plugins.js';
import { gpuBackend, nodeBackend } from './tfjs-backends.js';

async function backends(): Promise<VelocityBackend[]> {
  const reg = new PluginRegistry(builtinBackendPlugins());
  return Promise.all(reg.list('backend').map(async (p) => (await p.create({}, {} as never)) as VelocityBackend));
}

describe('backend plugins', () => {
  it('provides gpu (alias cuda) > node > native > wasm > cpu', async () => {
    const bs = (await backends()).sort((a, b) => b.priority - a.priority);
    expect(bs.map((b) => b.id)).toEqual(['gpu', 'node', 'native', 'wasm', 'cpu']);
    expect(bs[0].aliases).toContain('cuda');
    for (const p of builtinBackendPlugins()) expect(p.kind).toBe('backend');
  });

  it('says tfjs-node and tfjs-node-gpu are not installed, with the install command', async () => {
    for (const [b, pkg] of [[nodeBackend(), '@tensorflow/tfjs-node'], [gpuBackend(), '@tensorflow/tfjs-node-gpu']] as const) {
      const p = await b.probe();
      expect(p.ok).toBe(false);
      expect(p.reason).toContain(`${pkg} is not installed`);
      expect(p.hint).toContain(`npm install ${pkg}`);
    }
  });

  it('creating a model on a backend that does not load is BACKEND_UNAVAILABLE', async () => {
    await expect(nodeBackend().createModel({ dataDim: 2, timeEmbedDim: 4, hiddenDims: [4], learningRate: 1e-3, seed: 0 })).rejects.toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
    });
  });

  it('auto takes native where it built, else wasm; explicit cuda fails with the install hint, cpu loads', async () => {
    const bs = await backends();
    const auto = await selectBackend(bs, 'auto');
    const nativeLoads = (await bs.find((b) => b.id === 'native')!.probe()).ok;
    expect(auto.backend.id).toBe(nativeLoads ? 'native' : 'wasm');
    await expect(selectBackend(bs, 'cuda')).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE', hint: expect.stringContaining('npm install @tensorflow/tfjs-node-gpu') });
    expect((await selectBackend(bs, 'cpu')).backend.id).toBe('cpu');
  });

  it('rejects an impossible architecture with CONFIG_INVALID', async () => {
    const wasm = (await backends()).find((b) => b.id === 'wasm')!;
    await expect(wasm.createModel({ dataDim: 2, timeEmbedDim: 5, hiddenDims: [8], learningRate: 1e-3, seed: 0 })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
