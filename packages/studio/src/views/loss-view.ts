/** The loss curve: mean training loss per epoch, y from 0 (or the lowest loss) to the highest, with ticks. */
import { theme } from '@flow-visualizer/renderers/plot';
import { createPanel, font, type Panel } from './panel.js';

export class LossView {
  readonly panel: Panel = createPanel('Loss', 'loss', 1.25);

  draw(history: readonly number[], nEpochs: number): void {
    this.panel.paint((g, w, h) => {
      const padL = 44, padR = 8, padT = 8, padB = 22;
      const pw = w - padL - padR, ph = h - padT - padB;
      const xmax = Math.max(nEpochs, history.length, 1);
      const lo = history.length ? Math.min(...history) : 0, hi = history.length ? Math.max(...history) : 1;
      const y0 = Math.max(0, lo - 0.1 * (hi - lo || 1)), y1 = hi + 0.05 * (hi - lo || 1);
      const X = (e: number) => padL + (e / xmax) * pw, Y = (v: number) => padT + ph - ((v - y0) / (y1 - y0 || 1)) * ph;
      g.font = font(theme.font.labelSize);
      g.fillStyle = theme.colors.text;
      g.strokeStyle = theme.colors.grid;
      g.lineWidth = 1;
      g.textAlign = 'right';
      for (let k = 0; k <= 4; k++) {
        const v = y0 + ((y1 - y0) * k) / 4;
        g.beginPath();
        g.moveTo(padL, Y(v));
        g.lineTo(padL + pw, Y(v));
        g.stroke();
        g.fillText(v.toPrecision(3), padL - 4, Y(v) + 4);
      }
      g.textAlign = 'center';
      g.fillText('0', X(0), h - 6);
      g.fillText(`${xmax} epochs`, X(xmax) - 28, h - 6);
      if (!history.length) {
        g.fillText('train to see the loss', padL + pw / 2, padT + ph / 2);
        return;
      }
      g.strokeStyle = theme.colors.loss;
      g.lineWidth = 1.8;
      g.beginPath();
      history.forEach((v, i) => (i ? g.lineTo(X(i + 1), Y(v)) : g.moveTo(X(i + 1), Y(v))));
      g.stroke();
      if (history.length === 1) {
        g.fillStyle = theme.colors.loss;
        g.fillRect(X(1) - 2, Y(history[0]) - 2, 4, 4);
      }
    });
  }
}
