/**
 * Vega writes every coordinate of its SVG with full double precision ("translate(179.12218895368287,…)"): for
 * a trajectory plot of 6 × 2000 points that is megabytes of digits no screen can show. Rounding the numbers of
 * the geometry attributes (d, transform) to 1/100 of a CSS pixel keeps the picture and drops about a fifth of
 * the file. Text (titles, tick labels, which hold figures like 0.0083) is left alone.
 */
const LONG_NUMBER = /-?\d*\.\d{3,}(?:e[+-]?\d+)?/gi;

export function compactSvg(svg: string): string {
  return svg.replace(/(\s(?:d|transform)=")([^"]*)"/g, (_m, head: string, body: string) => `${head}${body.replace(LONG_NUMBER, round)}"`);
}

function round(n: string): string {
  const v = Math.round(Number(n) * 100) / 100;
  return Object.is(v, -0) ? '0' : String(v);
}
