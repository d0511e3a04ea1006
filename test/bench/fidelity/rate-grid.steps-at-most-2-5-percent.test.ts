// The knee's rate grid: from the lowest to the highest rate, ascending, never a step wider than the
// one asked for (and never one wider than the 2.5 %), with no more points than needed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestStep, MAX_GRID_STEP, rateGrid } from '../../../bench/fidelity/rate-grid.js';

describe('rate grid', () => {
  it('spans the range in equal geometric steps no wider than asked, with the fewest points', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 5000, noNaN: true }), fc.double({ min: 1.001, max: 4, noNaN: true }), fc.double({ min: 0.001, max: MAX_GRID_STEP, noNaN: true }), (lo, span, step) => {
        const hi = lo * span;
        const grid = rateGrid(lo, hi, step);
        expect(grid[0]).toBe(lo);
        expect(grid.at(-1)).toBe(hi);
        for (let i = 1; i < grid.length; i++) expect(grid[i]!).toBeGreaterThan(grid[i - 1]!);
        expect(largestStep(grid)).toBeLessThanOrEqual(step * (1 + 1e-9));
        // One interval fewer could not keep to the step.
        const n = grid.length - 1;
        if (n > 1) expect(span ** (1 / (n - 1)) - 1).toBeGreaterThan(step * (1 - 1e-9));
      }),
      { seed: 8, numRuns: 150 },
    );
  });

  it('uses the default 2 % step: 0.6–1.1 of a saturation of 450/s in 31 steps', () => {
    const grid = rateGrid(270, 495);
    expect(grid).toHaveLength(32);
    expect(largestStep(grid)).toBeLessThanOrEqual(0.02);
    expect(largestStep(grid)).toBeGreaterThan(0.019);
  });

  it('takes a range that is exactly one step as two points', () => {
    expect(rateGrid(100, 102, 0.02)).toEqual([100, 102]);
  });

  it('refuses steps over 2.5 % and empty or inverted ranges', () => {
    expect(() => rateGrid(100, 200, 0.03)).toThrow(/step in \(0, 0.025\]/);
    expect(() => rateGrid(100, 100)).toThrow(/highest rate above 100/);
    expect(() => rateGrid(0, 100)).toThrow(/positive lowest rate/);
  });
});
