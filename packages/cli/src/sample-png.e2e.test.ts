import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runFv, tmpDir } from './test-utils/run-fv.js';

/** `fv sample --png` draws the points on the axes of the run's own plots (metrics.json's plot_bounds). */
describe('fv sample --png', () => {
  it('draws each sampling to a PNG on the run\'s axes, recorded by the run', () => {
    const out = path.join(tmpDir(), 'run');
    const small = [`output.dir=${out}`, 'training.n_epochs=2', 'data.n_samples=800', 'visualization.n_metric_samples=2000', 'visualization.renderers=[vega]', 'visualization.options.vega.plots=[comparison]'];
    expect(runFv(['run', '--config', 'configs/trex.yaml', ...small]).status).toBe(0);
    const bounds = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8')).plot_bounds;
    expect(bounds.xmax - bounds.xmin).toBeCloseTo(bounds.ymax - bounds.ymin, 9);
    for (const steps of ['1', '20']) {
      const png = path.join(out, `s${steps}.png`);
      const r = runFv(['sample', '--config', path.join(out, 'config.yaml'), '--n', '1000', '--steps', steps, '--png', png]);
      expect(r.status).toBe(0);
      expect(r.stdout + r.stderr).toContain(`s${steps}.png`);
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(existsSync(path.join(out, 'samples', 'sample-euler-1.csv'))).toBe(true);
  });
});
