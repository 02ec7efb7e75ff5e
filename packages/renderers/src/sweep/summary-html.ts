/**
 * summary.html: one offline page for a sweep or a comparison: the runs' table (click a header to sort), the
 * seed groups' mean ± sd, the grid and metrics pictures (inlined, so the page stands alone), and links to each
 * run's own report.
 */
import { theme, fontFamily } from '../plot/theme.js';

export interface SummaryPage {
  title: string;
  subtitle: string;
  /** Column names, then one row of cells per run; `link` turns a cell into a relative link. */
  columns: string[];
  rows: { cells: (string | number | null)[]; link?: { column: number; href: string }; failed?: boolean }[];
  groups?: { columns: string[]; rows: (string | number | null)[][] };
  pictures: { alt: string; png: Uint8Array; width?: number }[];
  notes?: string[];
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function cellText(v: string | number | null): string {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  return v;
}

/** A table whose numeric cells carry their exact value for sorting. */
function table(id: string, columns: string[], rows: SummaryPage['rows']): string {
  const head = columns.map((c, i) => `<th scope="col" data-col="${i}" tabindex="0">${escapeHtml(c)}</th>`).join('');
  const body = rows.map((r) => {
    const tds = r.cells.map((v, i) => {
      const text = escapeHtml(cellText(v));
      const sort = typeof v === 'number' && Number.isFinite(v) ? ` data-sort="${v}"` : '';
      const inner = r.link && r.link.column === i ? `<a href="${escapeHtml(r.link.href)}">${text}</a>` : text;
      return `<td${sort}>${inner}</td>`;
    });
    return `<tr${r.failed ? ' class="failed"' : ''}>${tds.join('')}</tr>`;
  });
  return `<table id="${id}" class="sortable"><thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

const SORT_SCRIPT = `
for (const t of document.querySelectorAll('table.sortable')) {
  t.querySelectorAll('th').forEach((th) => {
    const sort = () => {
      const col = Number(th.dataset.col), dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      t.querySelectorAll('th').forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      const key = (tr) => { const td = tr.children[col]; return td.dataset.sort !== undefined ? Number(td.dataset.sort) : td.textContent; };
      const rows = [...t.tBodies[0].rows];
      rows.sort((a, b) => { const x = key(a), y = key(b);
        const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
        return c * dir; });
      for (const r of rows) t.tBodies[0].appendChild(r);
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter') sort(); });
  });
}`;

export function summaryHtml(p: SummaryPage): string {
  const c = theme.colors;
  const pics = p.pictures.map((pic) => `<figure><img alt="${escapeHtml(pic.alt)}"${pic.width ? ` width="${Math.round(pic.width)}"` : ""} src="data:image/png;base64,${Buffer.from(pic.png).toString('base64')}"></figure>`).join('\n');
  const groups = p.groups ? `<h2>Seed groups: mean ± standard deviation (n runs)</h2>\n${table('groups', p.groups.columns, p.groups.rows.map((cells) => ({ cells })))}` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(p.title)}</title>
<style>
  body { font-family: ${fontFamily()}; color: ${c.text}; background: ${c.background}; margin: 0; padding: 20px 28px 40px; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  h2 { font-size: 15px; margin: 22px 0 8px; }
  .subtitle, .note { color: ${c.subtleText}; margin: 0 0 12px; font-size: 13px; }
  table { border-collapse: collapse; font-size: 13px; }
  th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid ${c.grid}; white-space: nowrap; }
  th { cursor: pointer; color: ${c.subtleText}; font-weight: normal; user-select: none; }
  th[aria-sort=ascending]::after { content: ' ▲'; } th[aria-sort=descending]::after { content: ' ▼'; }
  td { font-variant-numeric: tabular-nums; }
  tr.failed td { color: #b00020; }
  figure { margin: 12px 0; } img { max-width: 100%; height: auto; }
</style>
</head>
<body>
<h1>${escapeHtml(p.title)}</h1>
<p class="subtitle">${escapeHtml(p.subtitle)}</p>
${(p.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n')}
<h2>Runs (click a column to sort)</h2>
${table('runs', p.columns, p.rows)}
${groups}
${pics}
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}
