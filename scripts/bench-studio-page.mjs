// The page side of scripts/bench-studio.mjs, bundled for the browser (esbuild, through core/testing's
// bundleForBrowser) and run in headless Chromium. In the page it exposes `fvBench.run(options)`, which starts a
// fresh Web Worker per backend (as the studio trains: off the page's thread, and each backend in a worker of its
// own, like the CLI bench's child processes); in the worker it trains the default workload with core's train().
import { ConfigSchema, PluginRegistry, deepFreeze, resolvePlugins, train } from '@flow-visualizer/core';
import { builtinCouplingPlugins } from '@flow-visualizer/couplings';
import { shapeDatasetPlugins } from '@flow-visualizer/datasets';
import { browserBackendPlugins, wasmSimdPeak } from '@flow-visualizer/backends/browser';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One backend, forced by name, on the default config (T-Rex, 10000 points, [128,256,256,128], batch 256). */
async function benchBackend({ device, epochs, warmup, wasmPaths, n }) {
  const config = deepFreeze(ConfigSchema.parse({ data: { n_samples: n }, training: { device, n_epochs: warmup + epochs, evolution_snapshots: 0 } }));
  const registry = new PluginRegistry([...builtinCouplingPlugins(), ...shapeDatasetPlugins(), ...browserBackendPlugins({ wasmPaths, device })]);
  let plugins;
  try {
    plugins = await resolvePlugins(config, registry, { baseDir: '/', only: ['dataset', 'backend', 'path', 'pairing'] });
  } catch (e) {
    return { device, skipped: `${e.message}${e.hint ? ` (${e.hint})` : ''}` };
  }
  const times = [];
  const losses = [];
  await train(config, plugins, {
    onEpoch: (e) => {
      times.push(e.epochSeconds);
      losses.push(e.loss);
    },
  });
  const epochSeconds = median(times.slice(warmup));
  return { device, reason: plugins.backendReport.at(-1), epochSeconds, epochsPerSecond: 1 / epochSeconds, times, losses, matmulFlopsPerEpoch: matmulFlopsPerEpoch(config) };
}

/**
 * Floating-point operations of an epoch's matrix products (the MLP's: a multiply and an add per weight and row,
 * forward, the input's gradient except for the first layer, and the weight gradient), for GFLOP/s against the peak.
 */
function matmulFlopsPerEpoch(config) {
  const widths = [2 + config.model.time_embed_dim, ...config.model.hidden_dims, 2];
  let perRow = 0;
  for (let i = 0; i + 1 < widths.length; i++) perRow += 2 * widths[i] * widths[i + 1] * (i === 0 ? 2 : 3);
  return perRow * config.data.n_samples;
}

if (typeof document === 'undefined') {
  self.onmessage = async (e) => {
    // WebAssembly SIMD's FP32 peak in this worker: independent multiply-add chains (fvw_peak), the best of many short runs.
    if (e.data.peak) {
      self.postMessage({ result: { gflops: await wasmSimdPeak() } });
      return;
    }
    try {
      self.postMessage({ result: await benchBackend(e.data) });
    } catch (err) {
      self.postMessage({ result: { device: e.data.device, skipped: `failed: ${err?.message ?? err}` } });
    }
  };
} else {
  globalThis.fvBench = {
    /** options: { device, epochs, warmup, wasmPaths, n } -> the figures of one backend. */
    run: (options) =>
      new Promise((resolve) => {
        const w = new Worker(new URL(import.meta.url).href.replace(/[^/]*$/, 'bundle.js'), { type: 'module' });
        w.onmessage = (e) => {
          w.terminate();
          resolve(e.data.result);
        };
        w.onerror = (e) => {
          w.terminate();
          resolve({ device: options.device, skipped: `worker error: ${e.message}` });
        };
        w.postMessage(options);
      }),
  };
}
