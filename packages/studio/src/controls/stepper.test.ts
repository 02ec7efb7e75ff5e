import { stepped } from './stepper.js';

const lim = (min: number, max: number, integer = false) => ({ min, max, integer });

describe('the numeric steppers', () => {
  it('steps a decimal by one unit of its last significant digit, and down from a power of ten by a tenth', () => {
    expect(stepped(0.003, 1, false, false, lim(0, 1))).toBe(0.004);
    expect(stepped(0.003, -1, false, false, lim(0, 1))).toBe(0.002);
    expect(stepped(0.0025, 1, false, false, lim(0, 1))).toBe(0.0026);
    expect(stepped(0.01, -1, false, false, lim(0, 1))).toBe(0.009);
    expect(stepped(0.999, 1, false, false, lim(0, 10))).toBe(1);
    expect(stepped(0.02, 1, false, true, lim(0, 10))).toBe(0.12);
  });

  it('steps an integer by 1 (10 with Shift) and never leaves the limits', () => {
    expect(stepped(128, 1, true, false, lim(1, 100000, true))).toBe(129);
    expect(stepped(128, -1, true, true, lim(1, 100000, true))).toBe(118);
    expect(stepped(1, -1, true, false, lim(1, 100000, true))).toBe(1);
    expect(stepped(99999, 1, true, true, lim(1, 100000, true))).toBe(100000);
    expect(stepped(0.95, 1, false, true, lim(0, 1))).toBe(1);
  });
});
