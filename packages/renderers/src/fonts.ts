/**
 * Fonts for headless rendering. Neither resvg nor @napi-rs/canvas sees fontconfig's aliases reliably, and a PNG
 * without glyphs is silently blank where the titles should be, so we look for real TTF files ourselves: first
 * the Debian/Ubuntu/Fedora/Alpine/macOS places of fonts that every theme name below can fall back to.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface FontSet {
  /** The family name to write into SVG/canvas (`font-family`). */
  family: string;
  /** TTF/OTF files to hand to the rasterizer (regular and bold where found). */
  files: string[];
}

/** Families we know how to find, best first; each with the file names of its regular and bold faces. */
const CANDIDATES: { family: string; files: string[] }[] = [
  { family: 'DejaVu Sans', files: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] },
  { family: 'Liberation Sans', files: ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf'] },
  { family: 'Noto Sans', files: ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf'] },
  { family: 'Arial', files: ['Arial.ttf', 'Arial Bold.ttf', 'arial.ttf', 'arialbd.ttf'] },
];

const FONT_DIRS = [
  process.env.FV_FONT_DIR,
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  '/System/Library/Fonts',
  '/Library/Fonts',
  'C:\\Windows\\Fonts',
].filter((d): d is string => !!d);

/** All font files under a folder, two levels deep at most (Debian nests truetype/<family>/). */
function listFonts(dir: string, depth = 3): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && depth > 0) out.push(...listFonts(p, depth - 1));
    else if (/\.(ttf|otf|ttc)$/i.test(e.name)) out.push(p);
  }
  return out;
}

let cached: FontSet | null | undefined;

/**
 * The first known sans-serif family found on this machine (FV_FONT_DIR first), or null when none is: then text
 * in PNGs cannot render, and the caller should say how to fix that (`apt-get install fonts-dejavu-core`).
 */
export function findFonts(): FontSet | null {
  if (cached !== undefined) return cached;
  const all = FONT_DIRS.flatMap((d) => {
    try {
      return listFonts(d);
    } catch {
      return [];
    }
  });
  const byName = new Map(all.map((f) => [path.basename(f), f]));
  for (const c of CANDIDATES) {
    const files = c.files.map((n) => byName.get(n)).filter((f): f is string => !!f);
    if (files.length) return (cached = { family: c.family, files });
  }
  return (cached = null);
}

/** What to tell the user when no font is found. */
export const FONT_HINT = 'Install a font so that PNG text renders: `apt-get install -y fonts-dejavu-core` (Debian/Ubuntu), or set FV_FONT_DIR to a folder holding DejaVuSans.ttf.';
