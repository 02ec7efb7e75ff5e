/**
 * The drawing pad's maths, apart from the page: a brush that sprays points inside a disc as it moves, an eraser
 * that removes the points under its disc, and the data config a drawn shape becomes. Coordinates are data units
 * (the plots' box), points n×2 interleaved, rounded to 1e-4 so that an exported config.yaml stays short.
 */

/** A small seeded generator (mulberry32): the same strokes give the same points. */
export function strokeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** Centres of the brush's stamps from `a` to `b` (a included, b excluded unless the segment is a point): one every `spacing`. */
function stampsAlong(a: [number, number], b: [number, number], spacing: number, carry: number): { centres: [number, number][]; carry: number } {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const centres: [number, number][] = [];
  let s = carry;
  for (; s <= len; s += spacing) {
    const f = len > 0 ? s / len : 0;
    centres.push([a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])]);
  }
  return { centres, carry: s - len };
}

export interface BrushState {
  /** Distance already travelled past the last stamp, so that stamps stay evenly spaced across pointer moves. */
  carry: number;
}

/**
 * Sprays `perStamp` points uniformly inside the disc of `radius` at each stamp along the segment a → b, one stamp
 * every radius/2, appending to `points` until it holds `maxPoints`. Returns how many points it added.
 */
export function brushSegment(points: number[], a: [number, number], b: [number, number], radius: number, state: BrushState, rng: () => number, perStamp = 3, maxPoints = 4000): number {
  const { centres, carry } = stampsAlong(a, b, Math.max(radius / 2, 1e-6), state.carry);
  state.carry = carry;
  let added = 0;
  for (const [cx, cy] of centres) {
    for (let k = 0; k < perStamp && points.length / 2 < maxPoints; k++) {
      // Uniform in the disc: radius ∝ √u.
      const r = radius * Math.sqrt(rng()), th = 2 * Math.PI * rng();
      points.push(round4(cx + r * Math.cos(th)), round4(cy + r * Math.sin(th)));
      added++;
    }
  }
  return added;
}

/** Removes the points within `radius` of the segment a → b (the eraser's path). Returns how many it removed. */
export function eraseSegment(points: number[], a: [number, number], b: [number, number], radius: number): number {
  const dx = b[0] - a[0], dy = b[1] - a[1], l2 = dx * dx + dy * dy;
  let w = 0;
  for (let i = 0; i < points.length; i += 2) {
    const px = points[i], py = points[i + 1];
    const t = l2 > 0 ? Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / l2)) : 0;
    if (Math.hypot(px - (a[0] + t * dx), py - (a[1] + t * dy)) > radius) {
      points[w++] = px;
      points[w++] = py;
    }
  }
  const removed = (points.length - w) / 2;
  points.length = w;
  return removed;
}

/**
 * The config values of a drawn shape: the `points` dataset with the points listed inline, kept where they were
 * drawn (normalize: false), so that the exported config.yaml is self-contained and `fv run --config` learns the
 * same shape in the same place.
 */
export function drawnDataConfig(points: ArrayLike<number>): { name: 'points'; options: { points: [number, number][]; normalize: false } } {
  const list: [number, number][] = [];
  for (let i = 0; i + 1 < points.length; i += 2) list.push([round4(points[i]), round4(points[i + 1])]);
  return { name: 'points', options: { points: list, normalize: false } };
}
