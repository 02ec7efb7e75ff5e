/**
 * The page half of data.browser.test.ts: a drawing pad mounted in a 360-px box and the file drop, with what they
 * hand back recorded on `fvData` for the test to read.
 */
import { createDrawPad } from '../draw-pad.js';
import { readDroppedFile } from '../drop-file.js';
import { drawnDataConfig } from '../brush.js';

const box = document.createElement('div');
box.id = 'pad';
box.style.width = '360px';
document.body.append(box);
const changes: number[][] = [];
const pad = createDrawPad(box, { onChange: (p) => changes.push(Array.from(p)) });

async function drop(name: string, bytes: number[], options?: Record<string, unknown>) {
  const r = await readDroppedFile(new File([Uint8Array.from(bytes)], name), { options, previewPoints: 500 });
  return r.ok ? { ok: true, kind: r.kind, data: r.data, files: [...r.files.keys()], preview: Array.from(r.preview) } : r;
}

(globalThis as { fvData?: unknown }).fvData = {
  changes,
  points: () => Array.from(pad.points()),
  toPixels: (x: number, y: number) => pad.toPixels(x, y),
  canvasBox: () => {
    const r = pad.canvas.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  },
  config: () => drawnDataConfig(pad.points()),
  drop,
};
