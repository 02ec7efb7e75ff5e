import { Resvg } from '@resvg/resvg-js';
import { fontFamily } from '../plot/theme.js';
import { FONT_HINT, findFonts } from '../fonts.js';
import { resvgOptions, specToSvg, svgToPng } from './render-spec.js';
import { pngDimensions } from '@flow-visualizer/core/testing';

/** Non-white pixels of an SVG rasterized with the renderer's settings. */
function inkedPixels(svg: string): number {
  const img = new Resvg(svg, resvgOptions(1)).render();
  const px = img.pixels;
  let n = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200)) n++;
  return n;
}

describe('PNG text', () => {
  it('finds a font file on this machine', () => {
    // Without one, every title and label of every PNG is blank.
    if (!findFonts()) throw new Error(`No font found. ${FONT_HINT}`);
  });

  it('draws the glyphs of titles and labels (fonts reach resvg)', () => {
    const page = (text: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/>` +
      `<text x="10" y="28" font-family="${fontFamily(findFonts()?.family).replace(/"/g, '&quot;')}" font-size="20" fill="#000">${text}</text></svg>`;
    expect(inkedPixels(page(''))).toBe(0);
    expect(inkedPixels(page('t = 0.33 Target'))).toBeGreaterThan(200);
  });
});

describe('specToSvg / svgToPng', () => {
  const spec = {
    title: 'A title',
    width: 100,
    height: 80,
    data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] },
    mark: 'point',
    encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
  };

  it('renders a Vega-Lite spec to SVG and the SVG to a PNG scaled by the pixel ratio', async () => {
    const svg = await specToSvg(spec);
    expect(svg).toMatch(/^<svg/);
    const width = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
    const one = pngDimensions(await svgToPng(svg, 1));
    const two = pngDimensions(await svgToPng(svg, 2));
    expect(one.width).toBe(Math.round(width));
    expect(two.width).toBe(2 * one.width);
    expect(two.height).toBe(2 * one.height);
  });
});
