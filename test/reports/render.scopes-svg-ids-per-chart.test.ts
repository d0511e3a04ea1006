// Several charts inline on one page share one id namespace: scopeSvgIds renames each chart's ids
// (numbered, so vega's process-wide counter cannot leak into the bytes) and every reference to
// them, and leaves references to ids it does not define alone. The PNG
// path gives a real PNG.
import { describe, expect, it } from 'vitest';
import { scopeSvgIds, svgToPng } from '../../reports/render.js';

describe('scopeSvgIds', () => {
  it('renames defined ids (by first appearance) and their url(#…) / href="#…" references only', () => {
    const svg =
      '<svg><defs><clipPath id="clip1"><rect/></clipPath><linearGradient id="g"/></defs>' +
      '<g clip-path="url(#clip1)"><rect fill="url(#g)"/><use href="#g"/><use xlink:href="#clip1"/><a href="#elsewhere"/>' +
      '</g></svg>';
    const out = scopeSvgIds(svg, 'cost');
    expect(out).toContain('id="cost-1"');
    expect(out).toContain('id="cost-2"');
    expect(out).toContain('clip-path="url(#cost-1)"');
    expect(out).toContain('fill="url(#cost-2)"');
    expect(out).toContain('<use href="#cost-2"/>');
    expect(out).toContain('xlink:href="#cost-1"');
    expect(out).toContain('href="#elsewhere"');
    expect(out).not.toMatch(/id="clip1"|id="g"|url\(#clip1\)|url\(#g\)|"#g"|"#clip1"/);
  });

  it('returns an SVG without ids unchanged', () => {
    const svg = '<svg><rect width="1"/></svg>';
    expect(scopeSvgIds(svg, 'x')).toBe(svg);
  });
});

describe('svgToPng', () => {
  it('renders a PNG at twice the SVG size', () => {
    const png = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text x="2" y="15" font-family="sans-serif">hi</text></svg>');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(80); // IHDR width
    expect(png.readUInt32BE(20)).toBe(40); // IHDR height
  });
});
