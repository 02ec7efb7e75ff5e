/**
 * `svg`: a shape from an SVG file (every <path d>) or a path string, sampled uniformly by arc length along its
 * outline, or uniformly inside it (even-odd fill) with `fill: true`. SVG's y axis points down; it is flipped so
 * the shape comes out upright.
 */
import { z } from 'zod';
import { definePlugin, FvError, type PluginContext, type UserFiles } from '@flow-visualizer/core';
import { dataNoise, finish, fitForBounds, type SyncDataset } from './common.js';
import { hasInterior, mapRings, outlineOf, ringsBounds, sampleInside, sampleOnOutline } from './geometry/polygon.js';
import { parseSvgPath, SvgPathError, type Subpath } from './geometry/svg-path-data.js';
import { SvgDocumentError, svgPathData, type SvgPathElement } from './geometry/svg-document.js';
import { IDENTITY, SvgTransformError, transformSubpaths } from './geometry/svg-transform.js';
import { readUserFile, userText } from './io/user-file.js';

const PLUGIN = 'fv:dataset-svg';

export const svgOptionsSchema = z
  .strictObject({
    file: z.string().min(1).optional().describe('SVG file whose <path d> elements (with their transforms and those of their groups) make the shape; relative to the config file.'),
    path: z.string().min(1).optional().describe('An SVG path string (the d attribute), instead of a file, e.g. "M0 0 L10 0 L5 8 Z".'),
    fill: z.boolean().default(false).describe('Sample inside the filled shape (even-odd rule) instead of along its outline.'),
  })
  .refine((o) => (o.file === undefined) !== (o.path === undefined), { message: 'give exactly one of file or path' })
  .describe('Options of the svg dataset.');

export type SvgOptions = z.output<typeof svgOptionsSchema>;

/** Builds the dataset from already-flattened subpaths (SVG coordinates, y down). */
export function svgShapeDataset(subpaths: Subpath[], fill: boolean, source: string, noise = 0): SyncDataset {
  // Flip y (SVG points down), then scale the outline into the box once; sampling happens in box units.
  const flipped = mapRings(subpaths.map((s) => s.points), (x, y) => [x, -y]);
  const fit = fitForBounds(ringsBounds(flipped));
  const rings = mapRings(flipped, (x, y) => [(x - fit.cx) * fit.s, (y - fit.cy) * fit.s]);
  if (fill && !hasInterior(rings, 128)) {
    throw new FvError('DATA_INVALID', `The SVG shape from ${source} encloses no area to fill.`, { hint: 'Use fill: false to sample along its outline instead.', plugin: PLUGIN });
  }
  // Open subpaths are lines; closed ones (Z, or any when filling) include the edge back to their start.
  const outline = outlineOf(rings, subpaths.map((s) => s.closed || fill));
  if (!fill && !(outline.total > 0)) {
    throw new FvError('DATA_INVALID', `The SVG shape from ${source} has zero length.`, { hint: 'Give a path that draws something (e.g. "M0 0 L10 0 L5 8 Z").', plugin: PLUGIN });
  }
  return {
    id: 'svg',
    sample(n, rng) {
      const out = new Float32Array(2 * n);
      if (fill) sampleInside(rings, n, rng, out);
      else sampleOnOutline(outline, n, rng, out);
      return finish(out, noise, rng);
    },
  };
}

/** Parses one path string, turning a syntax error into a DATA_INVALID that says where. */
function parseOrExplain(d: string, source: string): Subpath[] {
  try {
    return parseSvgPath(d);
  } catch (e) {
    if (!(e instanceof SvgPathError)) throw e;
    const near = d.slice(Math.max(0, e.index - 12), e.index + 12).replace(/\s+/g, ' ');
    throw new FvError('DATA_INVALID', `Malformed SVG path in ${source}: ${e.message}, at character ${e.index + 1} (near '${near}').`, {
      hint: 'Fix the path data there; commands are M L H V C S Q T A Z (lower case: relative), each followed by its numbers.',
      plugin: PLUGIN,
    });
  }
}

/** The <path> elements of a file with their transforms; a file that is not XML, or a transform it cannot read, is a DATA_INVALID. */
function readPathElements(svg: string, source: string): SvgPathElement[] {
  try {
    return svgPathData(svg);
  } catch (e) {
    if (e instanceof SvgDocumentError) {
      const at = e.line ? ` (line ${e.line}${e.column ? `, column ${e.column}` : ''})` : '';
      throw new FvError('DATA_INVALID', `${source} is not a readable SVG document${at}: ${e.message}.`, {
        hint: 'An SVG file is XML: every tag closed, attribute values quoted. Open it in a browser or an editor (Inkscape) and save it again.',
        plugin: PLUGIN,
      });
    }
    if (!(e instanceof SvgTransformError)) throw e;
    throw new FvError('DATA_INVALID', `Malformed transform="${e.text}" in ${source}: ${e.message}.`, {
      hint: 'Transforms are matrix(a b c d e f), translate(x [y]), scale(x [y]), rotate(deg [cx cy]), skewX(deg), skewY(deg).',
      plugin: PLUGIN,
    });
  }
}

/** Reads the file (or takes the path string), parses, applies transforms, builds the dataset. */
export async function svgDataset(options: SvgOptions, ctx: Pick<PluginContext, 'baseDir' | 'files'>, noise = 0): Promise<SyncDataset> {
  let ds: SvgPathElement[];
  let source: string;
  if (options.file !== undefined) {
    const file = await readUserFile(ctx.files, options.file, ctx.baseDir, PLUGIN);
    source = `'${options.file}'`;
    ds = readPathElements(userText(file.bytes), source);
    if (ds.length === 0) {
      throw new FvError('DATA_INVALID', `SVG file '${options.file}' has no <path d="…"> element.`, {
        hint: 'Convert shapes, text and strokes to paths in your editor (Inkscape: Path › Object to Path), or pass a path string in data.options.path.',
        plugin: PLUGIN,
      });
    }
  } else {
    ds = [{ d: options.path!, matrix: IDENTITY }];
    source = 'data.options.path';
  }
  const subpaths = ds.flatMap((p, k) => transformSubpaths(parseOrExplain(p.d, ds.length > 1 ? `${source} (path ${k + 1})` : source), p.matrix));
  if (subpaths.length === 0) {
    throw new FvError('DATA_INVALID', `The SVG path in ${source} draws nothing (no segment after its M).`, { hint: 'Give a path with at least one segment, e.g. "M0 0 L10 0 L5 8 Z".', plugin: PLUGIN });
  }
  return svgShapeDataset(subpaths, options.fill, source, noise);
}

/**
 * Plugin factory: `data.name: svg`, `data.options.file: heart.svg` (or `path: "M…"`, `fill: true`). Files are
 * read through the context's reader (PluginContext.files), else through `defaults.files`.
 */
export const svg = (defaults: { files?: UserFiles } = {}) =>
  definePlugin({
    name: PLUGIN,
    kind: 'dataset',
    id: 'svg',
    description: 'A shape from an SVG file or path string, along its outline or filled (options: file | path, fill).',
    optionsSchema: svgOptionsSchema,
    create: (options: SvgOptions, ctx) => svgDataset(options, { baseDir: ctx.baseDir, files: ctx.files ?? defaults.files }, dataNoise(ctx)),
  });
