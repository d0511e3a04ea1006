// The 95 % t-interval that replay --repeat puts on each percentile: its critical values match the
// tables (and the normal beyond them), a hand-worked interval comes out exactly, and over many
// small samples of a known normal it covers the true mean 95 % of the time — which is what a
// 95 % interval promises and what a wrong critical value (e.g. the normal's 1.96 at n = 4) breaks.
import { describe, expect, it } from 'vitest';
import { interval95, tCritical95 } from '../../common/confidence-interval.js';
import { standardNormal, stream } from '../../common/rng.js';

describe('Student-t 95 % interval', () => {
  it('has the tabled critical values, and tends to the normal', () => {
    expect(tCritical95(1)).toBe(12.706);
    expect(tCritical95(4)).toBe(2.776);
    expect(tCritical95(30)).toBe(2.042);
    // Beyond the table (R: qt(0.975, df)): 40 → 2.021075, 60 → 2.000298, 120 → 1.979930, 1000 → 1.962339.
    expect(tCritical95(40)).toBeCloseTo(2.021075, 3);
    expect(tCritical95(60)).toBeCloseTo(2.000298, 4);
    expect(tCritical95(120)).toBeCloseTo(1.97993, 4);
    expect(tCritical95(1000)).toBeCloseTo(1.962339, 5);
    expect(tCritical95(0)).toBeNaN();
  });

  it('works out a small case by hand', () => {
    // 10, 12, 14: mean 12, sample sd 2, half-width 4.303 · 2 / √3.
    const i = interval95([10, 12, 14]);
    expect(i.mean).toBe(12);
    expect(i.sd).toBeCloseTo(2, 12);
    expect(i.half_width).toBeCloseTo((4.303 * 2) / Math.sqrt(3), 12);
    expect(i.lo).toBeCloseTo(12 - i.half_width!, 12);
    expect(i.hi).toBeCloseTo(12 + i.half_width!, 12);
    // One value: no interval.
    expect(interval95([5])).toEqual({ n: 1, mean: 5, sd: null, half_width: null, lo: null, hi: null });
  });

  it('covers the true mean of a normal about 95 % of the time with 4 values', () => {
    const u = stream(7, 'coverage');
    const trials = 4000;
    let covered = 0;
    let coveredByNormal = 0;
    for (let t = 0; t < trials; t++) {
      const xs = Array.from({ length: 4 }, () => 50 + 3 * standardNormal(u));
      const i = interval95(xs);
      if (i.lo! <= 50 && 50 <= i.hi!) covered++;
      const z = (1.96 * i.sd!) / 2;
      if (Math.abs(i.mean - 50) <= z) coveredByNormal++;
    }
    // Binomial sd at p = 0.95 over 4000 trials is 0.0034: ±0.015 is more than 4 sd.
    expect(covered / trials).toBeGreaterThan(0.935);
    expect(covered / trials).toBeLessThan(0.965);
    // The normal's 1.96 with 3 degrees of freedom covers only about 86 %: the table matters.
    expect(coveredByNormal / trials).toBeLessThan(0.9);
  });
});
