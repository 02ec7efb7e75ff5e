import { forThePage } from './page-words.js';

describe('the CLI’s messages said for the page', () => {
  it('swaps terminal-only hints for what to do on the page, and keeps the rest word for word', () => {
    expect(forThePage("The integrator plugin 'fv:integrator-rk4' failed in integrate(): boom This is a fault of the plugin 'fv:integrator-rk4': fix it, or use another integrator (fv list integrators). --verbose shows its stack trace.")).toBe(
      "The integrator plugin 'fv:integrator-rk4' failed in integrate(): boom This is a fault of the plugin 'fv:integrator-rk4': fix it, or use another integrator (the choices beside the field).",
    );
    expect(forThePage('Remove it; fv schema lists every key.')).toBe('Remove it; the settings on this page are the keys there are.');
    expect(forThePage('~key removes a key; check the spelling against configs/base.yaml.')).toBe('~key removes a key; check the spelling against the settings on this page.');
    expect(forThePage("'training.batch_size' must be at most 10000000, got 1e9.")).toBe("'training.batch_size' must be at most 10000000, got 1e9.");
  });
});
