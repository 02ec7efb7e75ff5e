/**
 * "Your data": the drawing pad (brush, eraser, size, clear; mouse, pen or finger) and a drop zone / picker for a
 * CSV, JSON, SVG, PNG or JPEG file. A finished stroke or a file that reads becomes the dataset (data.name points,
 * svg or image); a file that does not read gets its message here and changes nothing.
 */
import { createDrawPad, type DrawPad } from '../data/draw-pad.js';
import { drawnDataConfig } from '../data/brush.js';
import { attachFileDrop, type DroppedData } from '../data/drop-file.js';
import { VIEW_BOX } from '../config/view-box.js';
import { ClassBrushBar } from '../data/class-brushes.js';

export interface DataPanelHandlers {
  drawn(data: { name: string; options: Record<string, unknown> }, labels: Int32Array): void;
  dropped(r: DroppedData): void;
  /** The pad was emptied (Clear, or every point erased). */
  cleared(): void;
}

export class DataPanel {
  readonly root: HTMLElement;
  readonly pad: DrawPad;
  /** Class brushes: shown for a conditional model only. */
  readonly classBar: ClassBrushBar;
  private readonly msg: HTMLElement;

  constructor(h: DataPanelHandlers) {
    this.root = document.createElement('figure');
    this.root.className = 'panel data';
    const cap = document.createElement('figcaption');
    cap.textContent = 'Your data: draw, or drop a file';
    const padBox = document.createElement('div');
    padBox.className = 'pad';
    const drop = document.createElement('div');
    drop.className = 'drop';
    const pick = document.createElement('button');
    pick.type = 'button';
    pick.name = 'pick-file';
    pick.textContent = 'Open a file…';
    const note = document.createElement('span');
    note.className = 'note';
    note.textContent = 'CSV, JSON, SVG, PNG or JPEG; or drop it here';
    this.msg = document.createElement('p');
    this.msg.className = 'msg';
    this.msg.setAttribute('role', 'alert');
    drop.append(pick, note);
    this.root.append(cap, padBox, drop, this.msg);
    this.pad = createDrawPad(padBox, {
      bounds: [VIEW_BOX.xmin, VIEW_BOX.ymin, VIEW_BOX.xmax, VIEW_BOX.ymax],
      onChange: (p, labels) => {
        this.msg.textContent = '';
        // A couple of points make no distribution; wait for a stroke that gives some.
        if (p.length >= 8) h.drawn(drawnDataConfig(p), labels);
        else if (p.length === 0) h.cleared();
      },
    });
    this.classBar = new ClassBrushBar((k) => this.pad.setBrushClass(k));
    padBox.append(this.classBar.root);
    const files = attachFileDrop(this.root, (r) => {
      if (r.ok) {
        this.msg.textContent = '';
        h.dropped(r);
      } else this.msg.textContent = r.text;
    });
    pick.addEventListener('click', () => files.pick());
  }

  /** Class brushes on (a conditional model, its class count) or off. */
  showClasses(on: boolean, count: number): void {
    this.classBar.setEnabled(on);
    if (on) this.classBar.setCount(count);
    this.pad.showClasses(on);
  }

  say(text: string): void {
    this.msg.textContent = text;
  }
}
