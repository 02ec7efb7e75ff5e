/**
 * Keeps an element at the same place on the screen while the page changes around it: a finger drawing on the pad
 * must never find the pad moved under it when the views above it are redrawn (a new model empties the quality
 * panel, a message appears). Any move of the element is scrolled away before it is painted: right after the DOM
 * change that caused it (a mutation observer's microtask), after a resize (a resize observer runs after layout,
 * before paint: a view that sizes itself in its own callback), and once more in each animation frame. A frame-only
 * check painted a one-frame jump when the change came from a later callback of the same frame. A scroll or wheel of
 * the user's own ends the hold, so it never fights them.
 */
export interface Hold {
  /** Ends the hold `afterMs` from now (layout changes that follow an answer still get caught). */
  release(afterMs?: number): void;
}

export function holdStill(el: HTMLElement): Hold {
  const top0 = el.getBoundingClientRect().top;
  let end = Infinity;
  let stopped = false;
  const fix = () => {
    if (stopped) return;
    if (performance.now() > end) return stop();
    const dy = el.getBoundingClientRect().top - top0;
    if (Math.abs(dy) >= 0.5) window.scrollBy(0, dy);
  };
  const mutations = new MutationObserver(fix);
  const resizes = new ResizeObserver(fix);
  const stop = () => {
    stopped = true;
    mutations.disconnect();
    resizes.disconnect();
    window.removeEventListener('wheel', stop);
    window.removeEventListener('keydown', stop);
  };
  mutations.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  resizes.observe(document.body);
  window.addEventListener('wheel', stop, { passive: true });
  window.addEventListener('keydown', stop);
  const frame = () => {
    fix();
    if (!stopped) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return { release: (afterMs = 600) => (end = Math.min(end, performance.now() + afterMs)) };
}

/**
 * A drawing pad's hold: from the finger's first touch until the page has answered the stroke, the pad does not
 * move on the screen. `handOver(taken)` ends the hold once a finished stroke's answer settles; a press that made
 * no stroke ends it on release (the pad's own listener runs first and hands any stroke over).
 */
export function holdPadWhileDrawing(canvas: HTMLElement): { handOver(taken: unknown): void } {
  let hold: Hold | undefined;
  canvas.addEventListener('pointerdown', () => {
    hold?.release(0);
    hold = holdStill(canvas);
  });
  const letGo = () => {
    hold?.release();
    hold = undefined;
  };
  canvas.addEventListener('pointerup', letGo);
  canvas.addEventListener('pointercancel', letGo);
  return {
    handOver(taken) {
      const h = hold;
      hold = undefined;
      if (h) void Promise.resolve(taken).finally(() => h.release());
    },
  };
}
