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
import { holdPadWhileDrawing } from './hold-still.js';

export interface DataPanelHandlers {
  /** A finished stroke; the promise settles when the page has taken the new data (the pad holds still until then). */
  drawn(data: { name: string; options: Record<string, unknown> }, labels: Int32Array): void | Promise<unknown>;
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
  private readonly notice: HTMLElement;
  private hold?: ReturnType<typeof holdPadWhileDrawing>;

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
    // What drawing will do to a trained model, said before the first stroke (set by the page).
    this.notice = document.createElement('p');
    this.notice.className = 'note pad-notice';
    this.root.append(cap, this.notice, padBox, drop, this.msg);
    this.pad = createDrawPad(padBox, {
      bounds: [VIEW_BOX.xmin, VIEW_BOX.ymin, VIEW_BOX.xmax, VIEW_BOX.ymax],
      onChange: (p, labels) => {
        this.msg.textContent = '';
        this.msg.classList.remove('info');
        // A couple of points make no distribution; wait for a stroke that gives some.
        const taken = p.length >= 8 ? h.drawn(drawnDataConfig(p), labels) : (p.length === 0 && h.cleared(), undefined);
        this.hold?.handOver(taken);
      },
    });
    this.classBar = new ClassBrushBar((k) => this.pad.setBrushClass(k));
    padBox.append(this.classBar.root);
    // From the finger's first touch until the page has answered the stroke, the pad does not move on the screen.
    this.hold = holdPadWhileDrawing(this.pad.canvas);
    this.trainedEpochs(0, false);
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
    this.msg.classList.remove('info');
    this.msg.textContent = text;
  }

  /** A plain message (not a failure) under the pad. */
  inform(text: string): void {
    this.msg.textContent = text;
    this.msg.classList.add('info');
  }

  /** Says, before a stroke, what drawing does to the model: nothing to lose at epoch 0, a restart after. */
  trainedEpochs(epoch: number, drawnData: boolean): void {
    this.notice.textContent =
      epoch > 0
        ? drawnData
          ? `Each stroke changes the data: training restarts from epoch 0 (the model has trained ${epoch} epoch${epoch === 1 ? '' : 's'}).`
          : `Drawing here replaces the data: the model (trained ${epoch} epoch${epoch === 1 ? '' : 's'}) is discarded and training restarts from epoch 0.`
        : 'Draw here: your points become the data that the model learns to make out of noise.';
  }
}
