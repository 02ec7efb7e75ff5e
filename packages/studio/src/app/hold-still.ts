/**
 * Keeps an element at the same place on the screen while the page changes around it: a finger drawing on the pad
 * must never find the pad moved under it when the views above it are redrawn (a new model empties the quality
 * panel, a message appears). Each frame, before it is painted, any move of the element is scrolled away. A scroll
 * or wheel of the user's own ends the hold, so it never fights them.
 */
export interface Hold {
  /** Ends the hold `afterMs` from now (layout changes that follow an answer still get caught). */
  release(afterMs?: number): void;
}

export function holdStill(el: HTMLElement): Hold {
  const top0 = el.getBoundingClientRect().top;
  let end = Infinity;
  let stopped = false;
  const stop = () => {
    stopped = true;
    window.removeEventListener('wheel', stop);
    window.removeEventListener('keydown', stop);
  };
  window.addEventListener('wheel', stop, { passive: true });
  window.addEventListener('keydown', stop);
  const frame = () => {
    if (stopped) return;
    if (performance.now() > end) return stop();
    const dy = el.getBoundingClientRect().top - top0;
    if (Math.abs(dy) >= 0.5) window.scrollBy(0, dy);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return { release: (afterMs = 600) => (end = Math.min(end, performance.now() + afterMs)) };
}
