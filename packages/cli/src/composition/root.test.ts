import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DATASET, RENDERER, VELOCITY_BACKEND, type FlowResult, type ModelSpec, type Renderer, type VelocityBackend, type VelocityModel } from '@flow-visualizer/core';
import { FV_CONFIG, NOTE, RENDERER_OPTIONS, type DependencyContainer } from '@flow-visualizer/core/container';
import { instanceCachingFactory } from 'tsyringe';
import { main } from '../main.js';

/** A backend whose model learns nothing, counts its steps and saves them: no tfjs, a run takes milliseconds. */
function fakeBackend(log: string[]): VelocityBackend {
  const model = (spec: ModelSpec, steps = 0): VelocityModel => {
    const m: VelocityModel & { steps: number } = {
      backend: 'fake',
      spec,
      steps,
      trainStep: async () => (m.steps++, 0.5),
      predict: async (x) => new Float32Array(x.length).fill(0.25),
      save: async (dir) => {
        await mkdir(dir, { recursive: true });
        await writeFile(path.join(dir, 'model.json'), JSON.stringify({ fake: true, spec, steps: m.steps }));
      },
      numTensors: () => -1,
      dispose: () => undefined,
    };
    return m;
  };
  return {
    id: 'fake',
    priority: 0,
    probe: async () => ({ ok: true, reason: 'a test double' }),
    createModel: async (spec) => (log.push('createModel'), model(spec)),
    loadModel: async (dir) => {
      log.push('loadModel');
      const saved = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
      return model(saved.spec, saved.steps);
    },
  };
}

/** A renderer that writes one small file and remembers what it was given. */
function fakeRenderer(seen: FlowResult[]): Renderer {
  return {
    id: 'fake',
    render: async (result, outDir) => {
      seen.push(result);
      const file = path.join(outDir, 'fake.txt');
      await mkdir(outDir, { recursive: true });
      await writeFile(file, `${result.generated.length / 2} points\n`);
      return [file];
    },
  };
}

describe('the composition root', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'fv-root-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const small = (out: string) => [
    'data.name=moons', 'data.n_samples=128', 'training.n_epochs=3', 'training.batch_size=64', 'model.hidden_dims=[8]',
    'visualization.n_generated=64', 'visualization.n_metric_samples=64', 'visualization.n_sampling_steps=4', 'visualization.grid_size=5',
    `output.dir=${out}`,
  ];

  it('fv run, fv visualize and fv sample use the backend and renderer registered on their child container', async () => {
    const calls: string[] = [];
    const seen: FlowResult[] = [];
    // An override is a registration on the command's child: it takes the place of the plugin the config names.
    const onChild = (child: DependencyContainer) => {
      child.register(VELOCITY_BACKEND, { useValue: Promise.resolve(fakeBackend(calls)) });
      child.register(RENDERER, { useFactory: instanceCachingFactory(() => (calls.push('renderer'), Promise.resolve(fakeRenderer(seen)))) });
    };
    const out = path.join(dir, 'run');

    expect(await main(['-q', 'run', ...small(out), 'visualization.renderers=[vega]'], { onChild })).toBe(0);
    // The config names vega; the registered renderer drew instead, from the fake backend's model (3 epochs × 2 batches).
    expect(calls).toEqual(['renderer', 'createModel']);
    expect(seen).toHaveLength(1);
    expect(readFileSync(path.join(out, 'visualizations', 'fake.txt'), 'utf8')).toBe('64 points\n');
    expect(JSON.parse(readFileSync(path.join(out, 'models', 'velocity_net', 'model.json'), 'utf8'))).toMatchObject({ fake: true, steps: 6 });
    expect(existsSync(path.join(out, 'visualizations', 'comparison.png'))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8')).backend).toBe('fake');

    calls.length = 0;
    expect(await main(['-q', 'visualize', ...small(out), 'visualization.renderers=[vega]'], { onChild })).toBe(0);
    expect(calls).toEqual(['renderer', 'loadModel']);
    expect(seen).toHaveLength(2);

    calls.length = 0;
    expect(await main(['-q', 'sample', ...small(out), '--steps', '2', '--n', '32', '--out', path.join(dir, 's.csv')], { onChild })).toBe(0);
    expect(calls).toEqual(['loadModel']);
    expect(readFileSync(path.join(dir, 's.csv'), 'utf8').trim().split('\n')).toHaveLength(33);
  });

  it('gives each command of one process its own child: its own config and its own instances of the ports', async () => {
    const children: DependencyContainer[] = [];
    const onChild = (child: DependencyContainer) => {
      children.push(child);
      child.register(VELOCITY_BACKEND, { useValue: Promise.resolve(fakeBackend([])) });
    };
    const out = path.join(dir, 'two');
    expect(await main(['-q', 'train', ...small(out), 'data.name=moons'], { onChild })).toBe(0);
    expect(await main(['-q', 'data', 'circles', ...small(out).filter((o) => !o.startsWith('data.name')), '--out', path.join(dir, 'c.csv')], { onChild })).toBe(0);
    expect(children).toHaveLength(2);
    const [first, second] = children;
    expect(first).not.toBe(second);
    expect(first.resolve<{ data: { name: string } }>(FV_CONFIG).data.name).toBe('moons');
    expect(second.resolve<{ data: { name: string } }>(FV_CONFIG).data.name).toBe('circles');
    // Each child created its dataset once (the same promise on every resolve), and not the other child's.
    const [a, b] = await Promise.all([first.resolve<Promise<{ id: string }>>(DATASET), second.resolve<Promise<{ id: string }>>(DATASET)]);
    expect(a.id).toBe('moons');
    expect(b.id).toBe('circles');
    expect(first.resolve(DATASET)).toBe(first.resolve(DATASET));
    expect(await first.resolve(DATASET)).not.toBe(await second.resolve(DATASET));
  });

  it('hands an old visualization.* key to the renderer that now takes it as an option, with a note', async () => {
    let child: DependencyContainer | undefined;
    const notes: string[] = [];
    const onChild = (c: DependencyContainer) => {
      child = c;
      c.register(NOTE, { useValue: (m: string) => notes.push(m) });
    };
    const args = ['-q', 'data', 'circles', 'data.n_samples=16', '--out', path.join(dir, 'c.csv'), 'visualization.renderers=[vega,animate]', 'visualization.animation_fps=5', 'visualization.options.animate.height=200'];
    expect(await main(args, { onChild })).toBe(0);
    const options = child!.resolve<Map<{ id: string }, Record<string, unknown>>>(RENDERER_OPTIONS);
    expect(Object.fromEntries([...options].map(([p, o]) => [p.id, o]))).toEqual({ vega: {}, animate: { animation_fps: 5, height: 200 } });
    expect(notes).toEqual([expect.stringContaining('read as visualization.options.animate.animation_fps')]);
  });
});
