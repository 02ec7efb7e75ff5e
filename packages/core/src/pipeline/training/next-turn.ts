/**
 * Resolves on a later turn of the event loop, after pending I/O and timers (a Ctrl-C handler, a page's input):
 * setImmediate in Node; in a browser, which has none, a zero timeout.
 */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
