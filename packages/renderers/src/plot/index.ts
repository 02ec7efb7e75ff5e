/**
 * @flow-visualizer/renderers/plot: the one look of every picture of a run (theme: palette, fonts, sizes) and the
 * drawing code the pictures share, typed and free of Node, so that the PNGs and GIFs (@napi-rs/canvas), the
 * report's page script and Flow Studio (browser canvases) place and colour points and arrows the same way.
 */
export { theme, fontFamily, type Theme } from './theme.js';
export { colors, hexToRgb, mix, rgbCss, viridis, type Rgb } from './color.js';
export { linearScale, type Canvas2D, type PixelData, type Rect, type Scale } from './scale.js';
export { arrowAt, drawArrows, ARROW_FILL, type Arrow, type ArrowStyle } from './arrows.js';
export { pointStyle, splatInto, splatPoints, type SplatStyle } from './splat.js';
export { classHex, classRgb, conditionRamp } from './conditions.js';
export { formatSpeed, maxSpeed, speedScale, SPEED_PERCENTILE, type SpeedScale } from './field-stats.js';
export { bracket, lerpPoints, pointRows, type XY } from './interpolate.js';
export { kde2d, KDE_BANDWIDTH, type DensityGrid } from '../kde.js';
