/**
 * report.html as one string: styles, the controls, the metrics table and the config (rendered here, no script
 * needed to read them), the inlined Vega libraries, the embedded data and specs, and the page script.
 */
import { theme, fontFamily } from '../theme.js';
import { CLIENT_SCRIPT } from './client.js';
import { jsonForScript, type ReportData } from './data.js';
import { scriptSafe } from './vendor.js';
import type { VlSpec } from './specs.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? String(Number(v.toPrecision(4))) : v.toPrecision(3);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Rows of the metrics table: every key but the loss history (it is the curve beside it). */
export function metricsRows(metrics: Record<string, unknown>): [string, string][] {
  return Object.entries(metrics)
    .filter(([k]) => k !== 'loss_history')
    .map(([k, v]) => [k, formatValue(v)]);
}

export interface PageParts {
  data: ReportData;
  specs: { flow: VlSpec; loss: VlSpec; size: number; playSeconds: number };
  metrics: Record<string, unknown>;
  configYaml: string;
  subtitle: string;
  scripts: { pkg: string; source: string }[];
}

export function reportHtml(p: PageParts): string {
  const c = theme.colors;
  const title = `Flow Visualizer: noise → ${p.data.title}`;
  const rows = metricsRows(p.metrics).map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: ${fontFamily()}; color: ${c.text}; background: ${c.background}; margin: 0; padding: 20px 28px 40px; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  h2 { font-size: 15px; margin: 18px 0 8px; }
  .subtitle { color: ${c.subtleText}; margin: 0 0 16px; font-size: 13px; }
  .layout { display: flex; flex-wrap: wrap; gap: 28px; align-items: flex-start; }
  .controls { display: flex; align-items: center; gap: 12px; margin: 8px 0 0 8px; font-size: 13px; color: ${c.subtleText}; }
  .controls input[type=range] { width: ${Math.max(200, p.specs.size - 150)}px; accent-color: ${c.generated}; }
  #t-value { font-variant-numeric: tabular-nums; min-width: 4.5em; color: ${c.text}; font-weight: bold; }
  button { font: inherit; padding: 5px 12px; border: 1px solid ${c.domain}; border-radius: 4px; background: #f6f6f6; cursor: pointer; min-width: 6.5em; }
  table { border-collapse: collapse; font-size: 13px; }
  th, td { text-align: left; padding: 3px 14px 3px 0; border-bottom: 1px solid ${c.grid}; }
  th { font-weight: normal; color: ${c.subtleText}; }
  td { font-variant-numeric: tabular-nums; }
  pre { background: #f7f7f9; border: 1px solid ${c.grid}; padding: 10px 12px; font-size: 12px; max-height: 420px; overflow: auto; }
  details summary { cursor: pointer; font-weight: bold; font-size: 15px; margin: 18px 0 8px; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle">${escapeHtml(p.subtitle)}</p>
<div class="layout">
  <section aria-label="Flow">
    <h2>Generated points and the learned field at time t</h2>
    <div id="flow-view"></div>
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
    <div id="loss-view"></div>
    <h2>Metrics</h2>
    <table id="metrics">
${rows}
    </table>
  </section>
</div>
<details id="config" open>
<summary>Resolved config</summary>
<pre>${escapeHtml(p.configYaml)}</pre>
</details>
${p.scripts.map((s) => `<script data-lib="${escapeHtml(s.pkg)}">${scriptSafe(s.source)}</script>`).join('\n')}
<script type="application/json" id="fv-data">${jsonForScript(p.data)}</script>
<script type="application/json" id="fv-specs">${jsonForScript(p.specs)}</script>
<script>${scriptSafe(CLIENT_SCRIPT)}</script>
</body>
</html>
`;
}
