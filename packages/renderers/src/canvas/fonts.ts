/**
 * Text for @napi-rs/canvas. It reads system fonts itself, but not FV_FONT_DIR nor every folder fonts.ts knows, so
 * the files that fonts.ts finds are registered once; then every font string names the theme's family list.
 */
import { GlobalFonts } from '@napi-rs/canvas';
import { findFonts } from '../fonts.js';
import { fontFamily } from '../plot/theme.js';

let family: string | undefined;

/** The CSS font-family list to use in canvas font strings (registers the found font files on first use). */
export function canvasFontFamily(): string {
  if (family) return family;
  const found = findFonts();
  if (found && !GlobalFonts.families.some((f) => f.family === found.family)) {
    for (const file of found.files) GlobalFonts.registerFromPath(file, found.family);
  }
  family = fontFamily(found?.family);
  return family;
}

/** A canvas font string: `bold 15px 'DejaVu Sans', …`. */
export function font(size: number, weight: 'normal' | 'bold' = 'normal'): string {
  return `${weight === 'bold' ? 'bold ' : ''}${size}px ${canvasFontFamily()}`;
}
