// Confidence intervals from independent blocks (batch means), on synthetic data with known
// answers: Student's t critical values from a table, a hand-worked interval, and coverage on an
// autocorrelated series whose mean is known — where the blocks' interval covers the mean about
// 95 % of the time and an interval that treats every sample as independent does not.
import { describe, expect, it } from 'vitest';
import { blockHalfWidth, blockInterval } from '../../calibration/statistics.js';
import { tCritical95 } from '../../common/confidence-interval.js';
import { standardNormal, stream } from '../../common/rng.js';

describe('block confidence intervals', () => {
  it('uses Student’s t critical values (two-sided 95 %)', () => {
    // Any t table: df 1 → 12.706, 4 → 2.776, 10 → 2.228, 30 → 2.042; 60 → 2.000, 120 → 1.980; ∞ → 1.960.
    expect(tCritical95(1)).toBe(12.706);
    expect(tCritical95(4)).toBe(2.776);
    expect(tCritical95(10)).toBe(2.228);
    expect(tCritical95(30)).toBe(2.042);
    expect(tCritical95(60)).toBeCloseTo(2.0003, 3);
    expect(tCritical95(120)).toBeCloseTo(1.9799, 3);
    expect(tCritical95(1e9)).toBeCloseTo(1.95996, 4);
    expect(tCritical95(0)).toBeNaN();
  });

  it('gives the hand-worked interval for five blocks', () => {
    // Blocks 1…5: mean 3, sample sd √2.5 = 1.5811; half-width 2.776 · 1.5811 / √5 = 1.9630.
    expect(blockHalfWidth([1, 2, 3, 4, 5])).toBeCloseTo(1.963, 3);
    expect(blockInterval(3, [1, 2, 3, 4, 5])).toEqual([expect.closeTo(1.037, 3), expect.closeTo(4.963, 3)]);
    // Around a pooled estimate other than the blocks' mean (a ratio of sums), with the same width.
    const [lo, hi] = blockInterval(2.5, [1, 2, 3, 4, 5]);
    expect(hi - lo).toBeCloseTo(2 * 1.963, 3);
    expect((lo + hi) / 2).toBeCloseTo(2.5, 9);
  });

  it('has no width from fewer than two blocks, or from identical ones', () => {
    expect(blockHalfWidth([])).toBe(0);
    expect(blockHalfWidth([7])).toBe(0);
    expect(blockInterval(1, [1, 1, 1])).toEqual([1, 1]);
  });

  it('covers the true mean of an autocorrelated series about 95 % of the time, where an i.i.d. interval does not', () => {
    // AR(1) with φ = 0.9 around mean 10: consecutive values are strongly correlated, like forward
    // passes on a shared machine. 400 replications of 2 000 values cut into 10 blocks of 200.
    const u = stream(1, 'test:ar1');
    const phi = 0.9;
    const replications = 400;
    let blocksCover = 0;
    let iidCover = 0;
    for (let r = 0; r < replications; r++) {
      let x = standardNormal(u) / Math.sqrt(1 - phi * phi);
      const values: number[] = [];
      for (let i = 0; i < 2000; i++) {
        x = phi * x + standardNormal(u);
        values.push(10 + x);
      }
      const mean = values.reduce((a, v) => a + v, 0) / values.length;
      const blocks = Array.from({ length: 10 }, (_, b) => values.slice(b * 200, (b + 1) * 200).reduce((a, v) => a + v, 0) / 200);
      const [lo, hi] = blockInterval(mean, blocks);
      if (lo <= 10 && 10 <= hi) blocksCover++;
      // Treating the 2 000 values as independent: the width a per-pass bootstrap would give.
      const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
      const half = (1.96 * sd) / Math.sqrt(values.length);
      if (mean - half <= 10 && 10 <= mean + half) iidCover++;
    }
    expect(blocksCover / replications).toBeGreaterThan(0.9);
    expect(blocksCover / replications).toBeLessThan(0.99);
    expect(iidCover / replications).toBeLessThan(0.6);
  });
});
