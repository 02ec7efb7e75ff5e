/**
 * report.html as one string: styles (one column on a phone, no horizontal scrolling down to 390 px), the
 * controls, the metrics grouped and explained (rendered here, no script needed to read them), the config
 * (collapsed), the inlined Vega libraries, the embedded data and specs, and the page script.
 */
import { theme, fontFamily } from '../plot/theme.js';
import { clientScript } from './client-script.js';
import { jsonForScript, type ReportData } from './data.js';
import { metricGroups } from './metrics-table.js';
import { scriptSafe } from './vendor.js';
import type { VlSpec } from './specs.js';

export { formatValue } from './metrics-table.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface PageParts {
  data: ReportData;
  specs: { flow: VlSpec; loss: VlSpec; evolution?: VlSpec; comparison?: VlSpec; guidance?: VlSpec; paths?: VlSpec; density?: VlSpec; likelihood?: VlSpec; density_model?: VlSpec; estimator_spread?: VlSpec; solvers?: VlSpec; size: number; playSeconds: number };
  metrics: Record<string, unknown>;
  configYaml: string;
  subtitle: string;
  scripts: { pkg: string; source: string }[];
}

function metricsHtml(metrics: Record<string, unknown>): string {
  return metricGroups(metrics)
    .map((g) => {
      const rows = g.rows
        .map((r) => `<tr data-key="${escapeHtml(r.key)}"><th scope="row">${escapeHtml(r.label)}${r.explain ? `<span class="explain">${escapeHtml(r.explain)}</span>` : ''}</th><td>${escapeHtml(r.value)}</td><td class="floor">${r.floor !== undefined ? escapeHtml(r.floor) : ''}</td></tr>`)
        .join('\n');
      const hasFloor = g.rows.some((r) => r.floor !== undefined);
      return `<table class="metrics">
<caption>${escapeHtml(g.title)}${g.note ? `<span class="explain">${escapeHtml(g.note)}</span>` : ''}</caption>
<thead><tr><th scope="col">figure</th><th scope="col">value</th><th scope="col">${hasFloor ? 'floor' : ''}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
    })
    .join('\n');
}

function staticView(id: string, title: string, note: string): string {
  return `<section class="wide" aria-label="${escapeHtml(title)}">
    <h2>${escapeHtml(title)}</h2>
    <p class="note">${escapeHtml(note)}</p>
    <div id="${id}" class="view scaled"></div>
  </section>`;
}

export function reportHtml(p: PageParts): string {
  const c = theme.colors;
  const title = `Flow Visualizer: noise → ${p.data.title}`;
  const s = p.specs;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:">
<title>${escapeHtml(title)}</title>
<style>
  *, *::before, *::after { box-sizing: border-box; }
  body { font-family: ${fontFamily()}; color: ${c.text}; background: ${c.background}; margin: 0; padding: 16px clamp(10px, 3vw, 28px) 40px; }
  h1 { font-size: 20px; margin: 0 0 4px; overflow-wrap: anywhere; }
  h2 { font-size: 15px; margin: 18px 0 6px; }
  .subtitle { color: ${c.subtleText}; margin: 0 0 12px; font-size: 13px; }
  .note { color: ${c.subtleText}; margin: 0 0 8px; font-size: 12px; max-width: 60em; }
  .layout { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr)); gap: 8px 32px; align-items: start; }
  section { min-width: 0; }
  .wide { grid-column: 1 / -1; }
  .view { max-width: 100%; }
  .view.scaled canvas { max-width: 100%; height: auto !important; }
  .controls { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin: 8px 0 0; font-size: 13px; color: ${c.subtleText}; }
  .controls input[type=range] { flex: 1 1 160px; min-width: 0; max-width: ${Math.max(240, s.size - 120)}px; accent-color: ${c.generated}; }
  output { font-variant-numeric: tabular-nums; color: ${c.text}; font-weight: bold; }
  #t-value { min-width: 4.5em; }
  button { font: inherit; padding: 5px 12px; border: 1px solid ${c.domain}; border-radius: 4px; background: #f6f6f6; cursor: pointer; min-width: 6.5em; }
  table.metrics { border-collapse: collapse; font-size: 13px; width: 100%; max-width: 46em; margin: 0 0 16px; }
  caption { text-align: left; font-weight: bold; padding: 6px 0; }
  th, td { text-align: left; vertical-align: top; padding: 4px 12px 4px 0; border-bottom: 1px solid ${c.grid}; }
  thead th { font-weight: normal; color: ${c.subtleText}; font-size: 12px; }
  tbody th { font-weight: normal; }
  td { font-variant-numeric: tabular-nums; white-space: nowrap; }
  td.floor { color: ${c.subtleText}; }
  .explain { display: block; color: ${c.subtleText}; font-size: 11.5px; font-weight: normal; margin-top: 1px; }
  pre { background: #f7f7f9; border: 1px solid ${c.grid}; padding: 10px 12px; font-size: 12px; max-height: 420px; overflow: auto; max-width: 100%; }
  details summary { cursor: pointer; font-weight: bold; font-size: 15px; margin: 18px 0 8px; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle">${escapeHtml(p.subtitle)}</p>
<div class="layout">
  <section aria-label="Flow">
    <h2>Generated points and the learned field at time t</h2>
    <div id="flow-view" class="view"></div>
    <div class="controls">
      <button id="play" type="button" aria-pressed="false">▶ Play</button>
      <input id="t-slider" type="range" min="0" max="1" step="0.005" value="1" aria-label="time t">
      <output id="t-value" for="t-slider">t = 1.00</output>
    </div>
    <div class="controls">
      <label><input id="show-field" type="checkbox" checked> velocity field</label>
      <label><input id="show-target" type="checkbox" checked> target (light blue)</label>
    </div>
  </section>
  <section aria-label="Training">
    <h2>Training loss</h2>
    <p class="note">Faint: each epoch's mean loss; bold: a moving median${p.data.lossFresh !== null ? `; dashed: the trained model on ${p.data.lossFreshOn}` : ''}. The flow-matching loss never reaches 0: even the best field leaves the variance of the target velocity at each point and time.</p>
    <div id="loss-view" class="view"></div>
${s.evolution ? `    <h2>Training as it happened</h2>
    <p class="note">The same noise carried to t = 1 by the model at ${p.data.evolution!.epochs.length} moments of training (epochs ${p.data.evolution!.epochs.join(', ')})${p.data.evolution!.floor !== null ? `; a perfect model's sliced W1 here, the floor, is ${p.data.evolution!.floor.toFixed(3)}` : ''}.</p>
    <div id="evolution-view" class="view"></div>
    <div class="controls">
      <input id="epoch-slider" type="range" min="0" max="${p.data.evolution!.epochs.length - 1}" step="0.02" value="${p.data.evolution!.epochs.length - 1}" aria-label="training progress">
      <output id="epoch-value" for="epoch-slider"></output>
    </div>` : ''}
  </section>
${s.comparison ? staticView('comparison-view', 'Target and generated points by condition', 'The data in the colours of its labels, the generated points in the colours of the condition each was asked for: a class that lands on another class\'s data shows at once.') + '\n' : ''}${s.guidance ? staticView('guidance-view', 'Guidance', 'The same noise and asked conditions sampled at several guidance weights w: 0 is the unconditional model, 1 the conditional one; above 1 the points are pushed past their class and start to leave the data.') + '\n' : ''}${s.paths ? staticView('paths-view', 'Particle paths', s.comparison ? 'Each line is one point carried from noise (grey dot, t = 0) to data (coloured dot, t = 1), coloured by the condition it was asked for.' : 'Each line is one point carried from noise (grey dot, t = 0) to data (coloured dot, t = 1), coloured by where it ends.') : ''}
${s.density ? staticView('density-view', 'Density over time', 'The probability path p_t: how the density of the points moves from the Gaussian at t = 0 to the data at t = 1, on one linear colour scale.') : ''}
${s.likelihood ? staticView('likelihood-view', 'Likelihood: the model\'s own density', 'Left: the model\'s exact density p(x) on a grid; right: a kernel density of the data; one colour scale, and the same log-density lines on both. Mass the model puts where the data has none shows as colour on the left only.') : ''}
${s.density_model ? staticView('density_model-view', 'Model density over time', 'The model\'s p_t(x) solved by the continuity equation (exact log-density on a grid, no sampling): compare with the kernel estimates of samples above.') : ''}
${s.estimator_spread ? staticView('estimator_spread-view', 'Estimator spread', 'How far the Hutchinson estimate of log p strays from the exact trace with 1, 4 and 16 random probes per point (red line: exact). In 2D the exact trace is as cheap, so fv uses it.') : ''}
${s.solvers ? staticView('solvers-view', 'Solvers: quality against cost', 'From fv compare-solvers: sliced W1 of the samples against the number of velocity evaluations, per solver.') : ''}
  <section class="wide" aria-label="Metrics">
    <h2>Metrics</h2>
    <div id="metrics">
${metricsHtml(p.metrics)}
    </div>
  </section>
</div>
<details id="config">
<summary>Resolved config</summary>
<pre>${escapeHtml(p.configYaml)}</pre>
</details>
${p.scripts.map((sc) => `<script data-lib="${escapeHtml(sc.pkg)}">${scriptSafe(sc.source)}</script>`).join('\n')}
<script type="application/json" id="fv-data">${jsonForScript(p.data)}</script>
<script type="application/json" id="fv-specs">${jsonForScript(p.specs)}</script>
<script>${scriptSafe(clientScript())}</script>
</body>
</html>
`;
}
