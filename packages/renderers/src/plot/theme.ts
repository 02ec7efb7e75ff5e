/**
 * One look for every picture of a run, whatever draws it (Vega-Lite or canvas): colours, fonts, title style,
 * point sizes. Renderers read these values instead of choosing their own, so the plots of a run match.
 */
export const theme = {
  colors: {
    /** The data we learn. */
    target: '#3b6fb6',
    /** Points made by the flow. */
    generated: '#e4572e',
    /** Target drawn under something else (trajectory, vector field). */
    targetFaded: '#9fb4d3',
    background: '#ffffff',
    text: '#222222',
    subtleText: '#555555',
    grid: '#e6e6e6',
    domain: '#888888',
    loss: '#3b6fb6',
  },
  /**
   * One colour per class (label k takes entry k mod 10): Tableau 10, distinct for the usual 2–10 classes and
   * readable by most colour-blind viewers; beyond 10 classes the colours repeat.
   */
  classColors: ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'],
  /**
   * A continuous condition's colour scale (e.g. the target's x), as stops from low to high: a shortened turbo,
   * dark blue → green → dark red, bright enough at both ends to read on white (viridis' yellow end does not).
   */
  conditionStops: ['#3e378f', '#2f8ee0', '#1bcfa9', '#7ee84a', '#f0b52e', '#e5531a', '#a11b05'],
  /** Vega scheme for speed (vector field) and density: perceptually uniform, readable in grey. */
  sequentialScheme: 'viridis',
  /** Canvas gradient stops of the same scheme, for renderers without Vega schemes. */
  viridisStops: ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'],
  font: {
    /** Families to try, in CSS order; the first one found on this machine is put in front at run time. */
    fallbacks: ['DejaVu Sans', 'Liberation Sans', 'Helvetica', 'Arial', 'sans-serif'],
    titleSize: 15,
    panelTitleSize: 13,
    labelSize: 11,
    axisTitleSize: 11,
    titleWeight: 'bold' as const,
  },
  point: {
    /** Radius in CSS pixels of one point in a scatter panel of `visualization.panel_size` 320. */
    radius: 1.3,
    opacity: 0.55,
    fadedOpacity: 0.35,
  },
  /** Gap between panels, CSS pixels. */
  panelGap: 18,
} as const;

export type Theme = typeof theme;

/**
 * The font-family list to write into pictures: `found` first (the font found on this machine by fonts.ts, which
 * the canvas renderer passes: @napi-rs/canvas knows no generic family), then the fallbacks, ending in sans-serif,
 * which browsers resolve themselves and resvg maps to the font it was given (render-spec.ts).
 */
export function fontFamily(found?: string): string {
  const names = found ? [found, ...theme.font.fallbacks.filter((f) => f !== found)] : [...theme.font.fallbacks];
  return names.map((n) => (n.includes(' ') ? `'${n}'` : n)).join(', ');
}
