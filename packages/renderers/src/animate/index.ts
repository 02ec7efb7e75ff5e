export { animateRenderer, createAnimateRenderer, ANIMATION_FILES, type AnimateRenderer } from './plugin.js';
export { AnimateOptionsSchema, ANIMATIONS, type AnimateOptions, type Animation } from './options.js';
export { kdeGrid, kdeBandwidth, type DensityGrid } from './kde.js';
export { contourSegments } from './contours.js';
