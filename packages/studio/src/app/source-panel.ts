/**
 * "Start: draw it": a second drawing pad for the SOURCE (where every path starts at t = 0), shown when "start
 * from" is "drawn". A finished stroke becomes `source: { name: points, options: { points, normalize: false } }`,
 * exactly the config a drawn target becomes under `data:`, so training, previews, the export and `fv run` all
 * start from it. Its controls live in the region "Source" and carry their own names ("Clear source", "Source
 * brush"…) and class names (fv-source-canvas…): the target pad's names ("Clear", "Brush"…) and classes
 * (fv-draw-canvas…) stay as they were for the tests and scripts that use them. The pad itself is built the first
 * time it is shown, so a page that never draws its start has exactly the controls it had before.
 */
import { theme } from '@flow-visualizer/renderers/plot';
import { createDrawPad, type DrawPad } from '../data/draw-pad.js';
import { drawnDataConfig } from '../data/brush.js';
import { VIEW_BOX } from '../config/view-box.js';
import { holdPadWhileDrawing } from './hold-still.js';
import { addExplanation } from '../views/explain.js';

/** Fewer points than this make no distribution: the pad waits for a stroke that gives some (as the target's). */
const MIN_POINTS = 8;

export interface SourcePanelHandlers {
  /** A finished stroke: the source config of the pad's points; settles when the page has taken it. */
  drawn(source: { name: string; options: Record<string, unknown> }): Promise<unknown>;
  /** The pad was emptied (Clear source, or every point erased). */
  cleared(): void;
}

export class SourcePanel {
  readonly root: HTMLElement;
  private pad?: DrawPad;
  private readonly padBox: HTMLElement;
  private readonly msg: HTMLElement;
  private hold?: ReturnType<typeof holdPadWhileDrawing>;
  /** Set while the page puts a config's points on the pad: that is no stroke of the user's. */
  private loading = false;

  constructor(private readonly h: SourcePanelHandlers) {
    this.root = document.createElement('figure');
    this.root.className = 'panel source-pad';
    // A region of its own, so that its controls are found within "Source" (and the target's outside it).
    this.root.setAttribute('role', 'region');
    this.root.setAttribute('aria-label', 'Source');
    const cap = document.createElement('figcaption');
    cap.textContent = 'Start (source): draw where the paths begin';
    const note = document.createElement('p');
    note.className = 'note';
    note.textContent = 'Grey points are the start (t = 0): the model learns to carry them to the data. Each stroke starts a new model.';
    this.padBox = document.createElement('div');
    this.padBox.className = 'pad';
    this.msg = document.createElement('p');
    this.msg.className = 'msg';
    this.msg.setAttribute('role', 'alert');
    this.root.append(cap, note, this.padBox, this.msg);
    addExplanation(this.root, 'source');
    this.show(false);
  }

  /** The pad, built on first use (its toolbar and canvas). */
  private ensurePad(): DrawPad {
    if (this.pad) return this.pad;
    const h = this.h;
    const pad = createDrawPad(this.padBox, {
      bounds: [VIEW_BOX.xmin, VIEW_BOX.ymin, VIEW_BOX.xmax, VIEW_BOX.ymax],
      // The start's colour in the paths and pairing views.
      color: theme.colors.domain,
      // Another spray than the target pad's: the same strokes on both pads give different points.
      seed: 2,
      labels: { tools: 'Source drawing tools', brush: 'Source brush', eraser: 'Source eraser', size: 'Source brush size', clear: 'Clear source', canvas: 'Source drawing area: drag to draw the start points' },
      classPrefix: 'fv-source',
      onChange: (p) => {
        if (this.loading) return;
        this.say('');
        const taken = p.length >= 2 * MIN_POINTS ? h.drawn(drawnDataConfig(p)) : (p.length === 0 && h.cleared(), undefined);
        this.hold?.handOver(taken);
      },
    });
    // From the finger's first touch until the page has answered the stroke, the pad does not move on the screen.
    this.hold = holdPadWhileDrawing(pad.canvas);
    this.pad = pad;
    return pad;
  }

  get shown(): boolean {
    return !this.root.hidden;
  }

  show(on: boolean): void {
    if (on) this.ensurePad();
    this.root.hidden = !on;
  }

  /** Points on the pad (0 before it is first shown). */
  get pointCount(): number {
    return (this.pad?.points().length ?? 0) / 2;
  }

  /** Whether the pad holds enough points to be a source. */
  get drawable(): boolean {
    return this.pointCount >= MIN_POINTS;
  }

  /** The source config of the pad's points. */
  config(): { name: string; options: Record<string, unknown> } {
    return drawnDataConfig(this.pad?.points() ?? []);
  }

  /**
   * A config's inline source points (from a link or an imported run) onto the pad, without taking them as a
   * stroke; nothing when the pad holds them already.
   */
  load(points: [number, number][]): void {
    const pad = this.ensurePad();
    const now = (drawnDataConfig(pad.points()).options.points as [number, number][]).flat();
    const next = points.flat();
    if (now.length === next.length && now.every((v, i) => v === next[i])) return;
    this.loading = true;
    try {
      pad.setPoints(next);
    } finally {
      this.loading = false;
    }
  }

  say(text: string, info = false): void {
    this.msg.textContent = text;
    this.msg.classList.toggle('info', info);
  }
}
