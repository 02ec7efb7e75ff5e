import { compactSvg } from './compact-svg.js';

describe('compactSvg', () => {
  it('rounds the numbers of d and transform attributes to 1/100, and leaves text and other attributes alone', () => {
    const svg =
      '<g transform="translate(179.12218895368287,213.90847077949235)"><path d="M1.152,0A1.152,1.152,0,1,1,-1.152,0L-0.0041,3"' +
      ' opacity="0.35123"/><text x="12.34567">sliced W1 = 0.0083</text></g>';
    expect(compactSvg(svg)).toBe(
      '<g transform="translate(179.12,213.91)"><path d="M1.15,0A1.15,1.15,0,1,1,-1.15,0L0,3"' +
        ' opacity="0.35123"/><text x="12.34567">sliced W1 = 0.0083</text></g>',
    );
  });

  it('keeps numbers with two decimals or fewer, and exponents', () => {
    expect(compactSvg('<path d="M10,0.5L3.25,7 L1.5e-7,2"/>')).toBe('<path d="M10,0.5L3.25,7 L1.5e-7,2"/>');
    expect(compactSvg('<path d="M1.23456e2,0"/>')).toBe('<path d="M123.46,0"/>');
  });
});
