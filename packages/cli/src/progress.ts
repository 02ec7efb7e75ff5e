import type { EpochInfo } from '@flow-visualizer/core';

export interface ProgressOptions {
  stream: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): boolean; columns?: number };
  logInterval: number;
  quiet?: boolean;
}

function fmtTime(s: number): string {
  if (!Number.isFinite(s)) return '--';
  if (s < 60) return `${s.toFixed(0)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Training progress: a live bar (epoch, loss, speed, ETA) on a terminal; on a pipe or file, one plain line every
 * `log_interval` epochs (and the first and last), so that logs stay readable.
 */
export class Progress {
  private lastDraw = 0;
  constructor(private readonly opts: ProgressOptions) {}

  onEpoch(info: EpochInfo): void {
    if (this.opts.quiet) return;
    const { epoch, nEpochs, loss, elapsedSeconds, epochSeconds } = info;
    const speed = epochSeconds > 0 ? 1 / epochSeconds : 0;
    const eta = epochSeconds * (nEpochs - epoch);
    if (this.opts.stream.isTTY) {
      const now = Date.now();
      if (now - this.lastDraw < 100 && epoch < nEpochs) return;
      this.lastDraw = now;
      const width = 24;
      const filled = Math.round((epoch / nEpochs) * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      const line = `epoch ${String(epoch).padStart(String(nEpochs).length)}/${nEpochs} ${bar} loss ${loss.toFixed(4)}  ${speed.toFixed(2)} epoch/s  elapsed ${fmtTime(elapsedSeconds)}  eta ${fmtTime(eta)}`;
      this.opts.stream.write(`\r\x1b[2K${line}`);
      if (epoch === nEpochs) this.opts.stream.write('\n');
    } else if (epoch === 1 || epoch === nEpochs || epoch % this.opts.logInterval === 0) {
      this.opts.stream.write(`epoch ${epoch}/${nEpochs}  loss ${loss.toFixed(5)}  ${epochSeconds.toFixed(3)} s/epoch  elapsed ${fmtTime(elapsedSeconds)}  eta ${fmtTime(eta)}\n`);
    }
  }

  /** Ends a live bar line before other output (e.g. an interruption message). */
  end(): void {
    if (this.opts.stream.isTTY && !this.opts.quiet) this.opts.stream.write('\n');
  }
}
