/**
 * The contract every Renderer keeps, as a Jest suite: it writes where it is asked and nowhere else, every file it
 * returns exists and is a whole, valid file of its kind (PNG, SVG, GIF, HTML, JSON), it leaves the result as it
 * found it, and when it cannot write it fails with an FvError and leaves no temp file behind.
 * Use: `describeRendererContract('vega', () => vegaRenderer().create({}, ctx))`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Renderer } from '../ports/renderer.js';
import type { FlowResult } from '../pipeline/sampling/result.js';
import { isFvError } from '../errors.js';
import { ConfigSchema, deepFreeze, type FvConfig } from '../config/schema.js';
import { createRng } from '../rng.js';
import { plotBounds } from '../pipeline/sampling/visualize.js';
import { renderContextOf } from '../pipeline/sampling/render-context.js';
import { gridPoints } from '../pipeline/sampling/sample.js';
import type { FieldSnapshot, RunMetrics, Snapshot } from '../pipeline/sampling/result.js';

// ---- A synthetic result to draw ----
// A noisy ring as the target, the generated points a slightly off ring, straight-line trajectories from Gaussian
// noise, and a rotating field; made from core's own parts (no model, no plugin), small by default so tests stay fast.

export interface SampleResultOptions {
  /** Points in target and generated. Default 300. */
  n?: number;
  /** Length of the loss history. Default 40. */
  epochs?: number;
  /** Config overrides of the `visualization` section (e.g. grid_size, trajectory_times, panel_size), read as a run would. */
  visualization?: Record<string, unknown>;
  seed?: number;
}

function ring(n: number, radius: number, noise: number, seed: number, label: string): Float32Array {
  const rng = createRng(seed, label);
  const p = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const a = 2 * Math.PI * rng.next();
    p[2 * i] = radius * Math.cos(a) + noise * rng.normal();
    p[2 * i + 1] = radius * Math.sin(a) + noise * rng.normal();
  }
  return p;
}

/** Builds the synthetic result described above, with the render context of a validated default config. */
export function sampleFlowResult(opts: SampleResultOptions = {}): FlowResult {
  const n = opts.n ?? 300, epochs = opts.epochs ?? 40, seed = opts.seed ?? 7;
  const { extends: _e, ...parsed } = ConfigSchema.parse({ visualization: opts.visualization ?? {} });
  const config = deepFreeze(parsed) as FvConfig;
  const v = config.visualization;

  const target = ring(n, 1.5, 0.08, seed, 'target');
  const generated = ring(n, 1.42, 0.12, seed, 'generated');
  const noise = createRng(seed, 'noise').fillNormal(new Float32Array(2 * n));
  const at = (t: number): Snapshot => {
    const x = new Float32Array(2 * n);
    for (let i = 0; i < x.length; i++) x[i] = (1 - t) * noise[i] + t * generated[i];
    return { t, x };
  };
  const trajectory = v.trajectory_times.map(at);
  const frames = Array.from({ length: 11 }, (_, i) => at(i / 10));
  const bounds = plotBounds(target, trajectory);
  const grid = gridPoints(bounds, v.grid_size);
  // Rotation plus a pull towards the ring that weakens with t: varied speeds and directions to draw.
  const field = (x: Float32Array, t: number): Float32Array => {
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i += 2) {
      const px = x[i], py = x[i + 1], r = Math.hypot(px, py) || 1;
      const pull = (1 - t) * (1.5 - r);
      out[i] = -py + pull * (px / r);
      out[i + 1] = px + pull * (py / r);
    }
    return out;
  };
  const fields: FieldSnapshot[] = v.field_times.map((t) => ({ t, grid, velocity: field(grid, t) }));
  const lossHistory = Array.from({ length: epochs }, (_, i) => 0.9 * Math.exp(-i / (epochs / 4)) + 0.35 + 0.01 * Math.sin(i));
  const metrics: RunMetrics = {
    backend: 'synthetic',
    n_epochs: epochs,
    loss_history: lossHistory,
    final_loss: lossHistory.at(-1) ?? null,
    train_seconds: null,
    seconds_per_epoch: null,
    sample_seconds: 0,
    integrator: 'none',
    n_sampling_steps: 0,
    nfe: 0,
    n_generated: n,
    sliced_w1: 0.05,
    sliced_w1_floor: 0.02,
  };
  // Training as it happened: the generated ring, blurred towards the noise early in training.
  const evolution = [0.25, 0.5, 0.75, 1].map((share, k) => {
    const x = new Float32Array(2 * n);
    for (let i = 0; i < x.length; i++) x[i] = (1 - share) * 0.6 * noise[i] + share * generated[i];
    return { epoch: Math.round(share * epochs), x, sliced_w1: 0.4 / (k + 1) };
  });
  metrics.loss_fresh = lossHistory[lossHistory.length - 1] - 0.01;
  return {
    context: renderContextOf(config), target, generated, trajectory, frames, fields, lossHistory, metrics, bounds, evolution,
    velocity: async (x, t) => field(x, t),
  };
}

// ---- Structural checks of written files ----
// No decoders (core depends on nothing that draws): enough to catch a truncated, empty or mislabelled file.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR, after checking the signature and that chunks run to an IEND at the end. */
export function pngDimensions(buf: Uint8Array): { width: number; height: number } {
  if (buf.length < 33 || PNG_SIGNATURE.some((b, i) => buf[i] !== b)) throw new Error('not a PNG: bad signature');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const type = (o: number) => String.fromCharCode(buf[o], buf[o + 1], buf[o + 2], buf[o + 3]);
  if (type(12) !== 'IHDR') throw new Error('not a PNG: first chunk is not IHDR');
  const width = view.getUint32(16), height = view.getUint32(20);
  if (!width || !height) throw new Error(`PNG has zero size ${width}×${height}`);
  // Walk the chunks: a truncated file runs off the end before IEND.
  let o = 8, last = '';
  while (o + 12 <= buf.length) {
    const len = view.getUint32(o);
    last = type(o + 4);
    o += 12 + len;
    if (last === 'IEND') break;
  }
  if (last !== 'IEND' || o !== buf.length) throw new Error('PNG is truncated or has trailing bytes (no IEND at the end)');
  return { width, height };
}

/** GIF89a (or 87a) header, a non-zero logical screen, and the trailer byte. */
export function gifDimensions(buf: Uint8Array): { width: number; height: number } {
  const head = String.fromCharCode(...buf.subarray(0, 6));
  if (head !== 'GIF89a' && head !== 'GIF87a') throw new Error('not a GIF: bad header');
  const width = buf[6] | (buf[7] << 8), height = buf[8] | (buf[9] << 8);
  if (!width || !height) throw new Error('GIF has zero size');
  if (buf[buf.length - 1] !== 0x3b) throw new Error('GIF is truncated (no trailer)');
  return { width, height };
}

/**
 * Well-formed XML whose root element is <svg>: every tag closed in order, quoted attributes. A small scanner,
 * not a validating parser, but it catches truncation and broken markup.
 */
export function checkSvg(text: string): void {
  let s = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<\?[\s\S]*?\?>/g, '').replace(/<!DOCTYPE[^>]*>/i, '');
  s = s.trim();
  const stack: string[] = [];
  let root: string | null = null;
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      if (s.slice(i).trim() && !stack.length) throw new Error('SVG has text outside the root element');
      break;
    }
    if (!stack.length && root && s.slice(i, lt).trim()) throw new Error('SVG has content after the root element');
    tag.lastIndex = lt;
    const m = tag.exec(s);
    if (!m) throw new Error(`SVG is not well-formed near: ${s.slice(lt, lt + 60)}`);
    const [, close, name, , selfClose] = m;
    if (close) {
      const open = stack.pop();
      if (open !== name) throw new Error(`SVG closes <${name}> but <${open ?? 'nothing'}> is open`);
    } else {
      if (!root) {
        root = name;
        if (name !== 'svg') throw new Error(`root element is <${name}>, not <svg>`);
      } else if (!stack.length) throw new Error('SVG has more than one root element');
      if (!selfClose) stack.push(name);
    }
    i = tag.lastIndex;
  }
  if (!root) throw new Error('no <svg> element');
  if (stack.length) throw new Error(`SVG is truncated: <${stack.join('> <')}> never closed`);
}

/** An HTML document: a doctype first, and closed by </html>. */
export function checkHtml(text: string): void {
  if (!/^\s*<!doctype html>/i.test(text)) throw new Error('HTML does not start with <!doctype html>');
  if (!/<\/html>\s*$/i.test(text)) throw new Error('HTML does not end with </html> (truncated?)');
}

/** Checks a written file by its extension; returns what was checked, for test names and messages. */
export function checkRenderedFile(file: string, data: Uint8Array): string {
  const lower = file.toLowerCase();
  const text = () => new TextDecoder('utf-8', { fatal: true }).decode(data);
  if (lower.endsWith('.png')) {
    const d = pngDimensions(data);
    return `png ${d.width}×${d.height}`;
  }
  if (lower.endsWith('.gif')) {
    const d = gifDimensions(data);
    return `gif ${d.width}×${d.height}`;
  }
  if (lower.endsWith('.svg')) {
    checkSvg(text());
    return 'svg';
  }
  if (lower.endsWith('.html') || lower.endsWith('.htm')) {
    checkHtml(text());
    return 'html';
  }
  if (lower.endsWith('.json')) {
    JSON.parse(text());
    return 'json';
  }
  if (data.length === 0) throw new Error('empty file');
  return 'other';
}

// ---- The suite ----

/** Every file under `dir`, relative, sorted (hidden temp files included). */
function listAll(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** A deep copy of the arrays a renderer must not change, to compare after rendering. */
function snapshotOf(r: FlowResult) {
  return JSON.stringify({
    target: Array.from(r.target),
    generated: Array.from(r.generated),
    trajectory: r.trajectory.map((s) => [s.t, Array.from(s.x)]),
    fields: r.fields.map((f) => [f.t, Array.from(f.grid), Array.from(f.velocity)]),
    loss: r.lossHistory,
    bounds: r.bounds,
    evolution: (r.evolution ?? []).map((e) => [e.epoch, e.sliced_w1, Array.from(e.x)]),
  });
}

export function describeRendererContract(
  name: string,
  makeRenderer: () => Renderer | Promise<Renderer>,
  makeResult: () => FlowResult | Promise<FlowResult> = () => sampleFlowResult(),
): void {
  describe(`Renderer contract: ${name}`, () => {
    let root: string;
    let renderer: Renderer;
    let result: FlowResult;
    let outDir: string;
    let files: string[];
    let before: string;
    let cwdBefore: string[];

    beforeAll(async () => {
      root = mkdtempSync(path.join(os.tmpdir(), 'fv-renderer-contract-'));
      renderer = await makeRenderer();
      result = await makeResult();
      before = snapshotOf(result);
      cwdBefore = readdirSync(process.cwd()).sort();
      // A folder that does not exist yet, two levels deep: the renderer creates it.
      outDir = path.join(root, 'run', 'visualizations');
      files = await renderer.render(result, outDir);
    });

    afterAll(() => {
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it('has an id', () => {
      expect(typeof renderer.id).toBe('string');
      expect(renderer.id.length).toBeGreaterThan(0);
    });

    it('returns at least one file, each inside outDir, none twice', () => {
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const rel = path.relative(outDir, path.resolve(f));
        expect(rel.startsWith('..') || path.isAbsolute(rel)).toBe(false);
      }
      expect(new Set(files.map((f) => path.resolve(f))).size).toBe(files.length);
    });

    it('writes exactly the files it returns, nowhere else, and no temp files', () => {
      expect(readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
      const written = listAll(root);
      const returned = files.map((f) => path.relative(root, path.resolve(f))).sort();
      expect(written).toEqual(returned);
    });

    it('writes whole, valid files of their kind (PNG, SVG, GIF, HTML, JSON)', () => {
      for (const f of files) {
        const data = readFileSync(f);
        expect(statSync(f).size).toBeGreaterThan(0);
        try {
          checkRenderedFile(f, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        } catch (e) {
          throw new Error(`${path.basename(f)}: ${(e as Error).message}`);
        }
      }
    });

    it('leaves the result unchanged', () => {
      expect(snapshotOf(result)).toBe(before);
    });

    it('renders again into the same folder: same files, replaced, nothing left over', async () => {
      const again = await renderer.render(result, outDir);
      expect([...again].sort()).toEqual([...files].sort());
      expect(listAll(root)).toEqual(files.map((f) => path.relative(root, path.resolve(f))).sort());
    });

    it('fails with an FvError and leaves no stray files when outDir is a file', async () => {
      const blocked = path.join(root, 'blocked');
      writeFileSync(blocked, 'not a folder');
      const listing = listAll(root);
      let error: unknown;
      try {
        await renderer.render(result, blocked);
      } catch (e) {
        error = e;
      }
      if (!isFvError(error)) {
        throw new Error(`expected an FvError (e.g. OUTPUT_UNWRITABLE from writeFileAtomic), got: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      }
      expect(listAll(root)).toEqual(listing);
      expect(readFileSync(blocked, 'utf8')).toBe('not a folder');
      rmSync(blocked);
    });
  });
}
