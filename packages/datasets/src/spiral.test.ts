import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { spiral } from './spiral.js';
import { draw, make } from './test-utils/ctx.js';

describeDatasetContract('spiral', () => make(spiral(), {}, 0.02));
describeDatasetContract('spiral, 3 arms, 2.5 turns', () => make(spiral(), { arms: 3, turns: 2.5 }, 0.02));

describe('spiral is a spiral', () => {
  /** Phase of each point: its angle minus the angle the arm has turned through at its radius, mod 2π. */
  const phases = (p: Float32Array, turns: number) => {
    const out: number[] = [];
    for (let i = 0; i < p.length; i += 2) {
      const r = Math.hypot(p[i], p[i + 1]) / 2;
      const ph = Math.atan2(p[i + 1], p[i]) - 2 * Math.PI * turns * r;
      out.push(((ph % (2 * Math.PI)) + 4 * Math.PI) % (2 * Math.PI));
    }
    return out;
  };

  it.each([2, 3])('has %i arms: every point sits on one of the arms r ∝ angle', async (arms) => {
    const p = await draw(spiral(), 3000, 5, { arms, turns: 1.5 });
    const counts = new Array(arms).fill(0);
    for (const ph of phases(p, 1.5)) {
      const k = ph / ((2 * Math.PI) / arms);
      expect(Math.abs(k - Math.round(k))).toBeLessThan(0.01);
      counts[Math.round(k) % arms]++;
    }
    for (const c of counts) expect(c / 3000).toBeGreaterThan(0.8 / arms);
  });
});
