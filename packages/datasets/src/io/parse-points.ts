/**
 * Points from a user's CSV or JSON file, with errors that say where (line, item) and what to do.
 * CSV: two numeric columns, or any columns with an `x,y` header; `,` `;` tab or spaces between cells; blank lines
 * and `#` comments skipped. JSON: `[[x, y], …]` or `[{"x": …, "y": …}, …]`.
 */
import { FvError, errorMessage } from '@flow-visualizer/core';

/** Parses by extension (.json) or by content (starts with `[`); returns n×2 interleaved coordinates. */
export function parsePoints(text: string, fileName: string, plugin: string): Float64Array {
  return parseLabelledPoints(text, fileName, plugin).points;
}

/**
 * `parsePoints`, with the classes of a CSV whose header names a `label` column: one integer 0…K−1 per point,
 * every class 0…K−1 present (K = the largest label + 1) unless `everyClass` is false (points to score under a
 * model's classes, not data to learn them from). `labels` is absent without such a column.
 */
export function parseLabelledPoints(text: string, fileName: string, plugin: string, o: { everyClass?: boolean } = {}): { points: Float64Array; labels?: Int32Array } {
  const t = text.replace(/^\uFEFF/, '');
  const parsed = /\.json$/i.test(fileName) || t.trimStart().startsWith('[') ? { points: parseJsonPoints(t, fileName, plugin) } : parseCsv(t, fileName, plugin);
  checkPoints(parsed.points, `Data file '${fileName}'`, plugin, 'Add points to the file (one "x,y" a line for CSV, [[x, y], …] for JSON).');
  if (parsed.labels && o.everyClass !== false) checkClasses(parsed.labels, `Data file '${fileName}'`, plugin);
  return parsed;
}

/**
 * Every class 0…max present: a gap would be a class without a single point, which no model can learn. `source`
 * names where the labels came from ("Data file 'x.csv'", "data.options.labels").
 */
export function checkClasses(labels: Int32Array, source: string, plugin: string): void {
  const k = labels.reduce((m, l) => Math.max(m, l), 0) + 1;
  const seen = new Uint8Array(k);
  for (const l of labels) seen[l] = 1;
  const missing = seen.indexOf(0);
  if (missing >= 0) {
    throw new FvError('DATA_INVALID', `${source}: its labels go up to ${k - 1}, but no point has label ${missing}; labels are the classes 0…K−1, each with points.`, {
      hint: 'Number the classes 0, 1, 2, … without gaps.',
      plugin,
    });
  }
}

/**
 * At least 2 points, not all the same: else a DATA_INVALID naming `source` ("Data file 'x.csv'",
 * "data.options.points"); `addHint` says how to add points there. Returns the points.
 */
export function checkPoints(pts: Float64Array, source: string, plugin: string, addHint = 'List at least 2 points, as [[x, y], …].'): Float64Array {
  const n = pts.length / 2;
  if (n < 2) {
    throw new FvError('DATA_INVALID', `${source} holds ${n} point${n === 1 ? '' : 's'}; at least 2 are needed.`, {
      hint: addHint,
      plugin,
    });
  }
  let distinct = false;
  for (let i = 2; i < pts.length && !distinct; i += 2) distinct = pts[i] !== pts[0] || pts[i + 1] !== pts[1];
  if (!distinct) {
    throw new FvError('DATA_INVALID', `${source}: all ${n} points are the same point, so there is no shape to learn.`, {
      hint: 'Give at least 2 different points.',
      plugin,
    });
  }
  return pts;
}

function invalid(fileName: string, where: string, what: string, plugin: string, hint: string): FvError {
  return new FvError('DATA_INVALID', `Data file '${fileName}', ${where}: ${what}`, { hint, plugin });
}

export function parseCsvPoints(text: string, fileName: string, plugin: string): Float64Array {
  return parseCsv(text, fileName, plugin).points;
}

function parseCsv(text: string, fileName: string, plugin: string): { points: Float64Array; labels?: Int32Array } {
  const out: number[] = [];
  const labels: number[] = [];
  let cols: [number, number] = [0, 1];
  // The header's `label` column, when it names one: each point's class.
  let labelCol = -1;
  // Without a header naming x and y, fv takes the first two columns; a third is refused rather than dropped
  // without a word, unless its header says it is the `label` column (conditional flows read it).
  let width = 2;
  let xyHeader = false;
  let sawData = false;
  const lines = text.split(/\r?\n/);
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln].trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(/\s*[,;\t]\s*|\s+/);
    // The first non-blank line may be a header: it names the columns, and x, y are taken wherever they are.
    if (!sawData && cells.some((c) => c !== '' && !isNumeric(c))) {
      sawData = true;
      const lower = cells.map((c) => c.toLowerCase().replace(/^["']|["']$/g, ''));
      const xi = lower.indexOf('x'), yi = lower.indexOf('y');
      if (xi >= 0 && yi >= 0) {
        cols = [xi, yi];
        labelCol = lower.indexOf('label');
        xyHeader = true;
        continue;
      }
      // A header with other names: take the first two columns (but 'NaN,NaN' is bad data, not a header).
      if (cells.every((c) => !isNumeric(c) && !/^[+-]?(nan|inf(inity)?)$/i.test(c))) {
        const extra = lower.slice(2).filter((c) => c !== 'label');
        if (extra.length) {
          throw invalid(fileName, `line ${ln + 1}`, `the header names ${cells.length} columns ('${clip(line)}'); without columns named x and y fv reads the first two, and a third only when it is 'label'.`, plugin, 'Name the coordinate columns x and y in the header, or remove the other columns.');
        }
        width = cells.length;
        labelCol = lower.indexOf('label');
        continue;
      }
    }
    sawData = true;
    if (!xyHeader && cells.length > width) {
      throw invalid(fileName, `line ${ln + 1}`, `${cells.length} cells ('${clip(line)}'), but fv reads only x and y here and would drop the rest.`, plugin, 'Keep two columns (x,y), or add a header naming them: x,y,<other columns>.');
    }
    const need = Math.max(cols[0], cols[1], labelCol) + 1;
    if (cells.length < need) {
      throw invalid(fileName, `line ${ln + 1}`, `expected ${need} cells, found ${cells.length} ('${clip(line)}').`, plugin, labelCol >= 0 ? 'Write one point a line with its class, as the header orders them (e.g. "x,y,label").' : 'Write one point a line as "x,y".');
    }
    for (const c of cols) {
      const cell = cells[c].replace(/^["']|["']$/g, '');
      const v = isNumeric(cell) ? Number(cell) : NaN;
      if (!Number.isFinite(v)) {
        throw invalid(fileName, `line ${ln + 1}`, `'${clip(cell)}' is not a finite number.`, plugin, 'Every x and y must be a number (e.g. 0.5, -1e-3); remove or fix that line.');
      }
      out.push(v);
    }
    if (labelCol >= 0) {
      const cell = cells[labelCol].replace(/^["']|["']$/g, '');
      if (!/^\+?\d{1,6}$/.test(cell)) {
        throw invalid(fileName, `line ${ln + 1}`, `label '${clip(cell)}' is not a class number.`, plugin, 'Labels are whole numbers 0, 1, 2, … (one per class); fix that line or remove the label column.');
      }
      labels.push(Number(cell));
    }
  }
  return { points: Float64Array.from(out), ...(labelCol >= 0 ? { labels: Int32Array.from(labels) } : {}) };
}

export function parseJsonPoints(text: string, fileName: string, plugin: string): Float64Array {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FvError('DATA_INVALID', `Data file '${fileName}' is not valid JSON: ${errorMessage(e)}`, {
      hint: 'Write the points as [[x, y], …] or [{"x": …, "y": …}, …].',
      plugin,
    });
  }
  const arr = Array.isArray(data) ? data : (data as { points?: unknown })?.points;
  if (!Array.isArray(arr)) {
    throw new FvError('DATA_INVALID', `Data file '${fileName}' holds JSON ${typeof data === 'object' ? 'object' : typeof data}, not an array of points.`, {
      hint: 'Write the points as [[x, y], …] or [{"x": …, "y": …}, …] (or {"points": […]}).',
      plugin,
    });
  }
  const out = new Float64Array(2 * arr.length);
  arr.forEach((item: unknown, k) => {
    const pair = Array.isArray(item) ? item : item && typeof item === 'object' ? [(item as { x?: unknown }).x, (item as { y?: unknown }).y] : undefined;
    const [x, y] = (pair ?? []).map((v) => (typeof v === 'number' ? v : typeof v === 'string' && isNumeric(v) ? Number(v) : NaN));
    if (!pair || pair.length < 2 || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw invalid(fileName, `item ${k} (0-based)`, `${clip(shownJson(item))} is not a point with finite x and y.`, plugin, 'Each item must be [x, y] or {"x": …, "y": …} with numbers.');
    }
    out[2 * k] = x;
    out[2 * k + 1] = y;
  });
  return out;
}

/** An item as JSON for a message; one nested past what JSON.stringify can walk is described instead. */
function shownJson(item: unknown): string {
  try {
    return JSON.stringify(item) ?? String(item);
  } catch {
    return 'a value nested too deeply to show';
  }
}

function isNumeric(s: string): boolean {
  return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(s.replace(/^["']|["']$/g, ''));
}

function clip(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
