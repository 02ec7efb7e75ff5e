import { describeRendererContract, sampleFlowResult } from '@flow-visualizer/core/testing';
import { createVegaRenderer } from './plugin.js';

// All plots and formats, on a small synthetic result so that the suite stays quick.
describeRendererContract('vega', () => createVegaRenderer(), () => sampleFlowResult({ n: 200, epochs: 30, visualization: { grid_size: 8, panel_size: 160, pixel_ratio: 1 } }));
