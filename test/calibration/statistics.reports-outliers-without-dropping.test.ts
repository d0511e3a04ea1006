// Per-size summaries: numpy-style percentiles, mean, sample stddev, throughput, and Tukey
// outliers listed beside the samples, which keep every value.
import { describe, expect, it } from 'vitest';
import { summarize, tukeyOutliers } from '../../calibration/statistics.js';

describe('batch statistics', () => {
  it('summarises samples and keeps them all, in measured order', () => {
    const samples = [4, 2, 3, 1, 5];
    const s = summarize(4, samples);
    expect(s.samples_ms).toEqual([4, 2, 3, 1, 5]);
    expect(s.p50_ms).toBe(3);
    expect(s.p90_ms).toBeCloseTo(4.6, 9);
    expect(s.mean_ms).toBe(3);
    expect(s.stddev_ms).toBeCloseTo(Math.sqrt(2.5), 6);
    expect(s.items_per_s).toBeCloseTo(4000 / 3, 3);
  });

  it('reports a slow pass as an outlier without dropping it', () => {
    const samples = [10, 10.2, 9.9, 10.1, 10, 10.3, 9.8, 31];
    const o = tukeyOutliers(samples);
    expect(o).toEqual({ count: 1, rule: expect.stringMatching(/^Tukey 1\.5 IQR/), values_ms: [31] });
    expect(summarize(1, samples).samples_ms).toContain(31);
  });

  it('finds no outliers in a tight sample, and none in fewer than four', () => {
    expect(tukeyOutliers([1, 1.1, 1.2, 1.3, 1.4]).count).toBe(0);
    expect(tukeyOutliers([1, 100]).count).toBe(0);
  });
});
