// The simulator's fast histogram counts in hdr-histogram-js's own bucket layout (1 µs, 3 significant
// digits), so recording the same values either way gives the same percentiles; mean and max are exact.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as hdr from 'hdr-histogram-js';
import { LatencyHistogram } from '../../simulator/fleet/metrics/histogram.js';

describe('LatencyHistogram', () => {
  it('gives the same percentiles as hdr-histogram-js on the same values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 0, max: 5e6, noNaN: true }), fc.constant(3_000_000.5)), {
          minLength: 1,
          maxLength: 400,
        }),
        (values) => {
          const fast = new LatencyHistogram();
          const reference = hdr.build({ bitBucketSize: 64, numberOfSignificantValueDigits: 3, useWebAssembly: false });
          for (const ms of values) {
            fast.record(ms);
            reference.recordValue(Math.round(ms * 1000));
          }
          const mirrored = fast.toHdr();
          for (const p of [0, 1, 50, 90, 99, 99.9, 100]) expect(mirrored.getValueAtPercentile(p)).toBe(reference.getValueAtPercentile(p));
          expect(fast.count).toBe(values.length);
          expect(fast.maxMs).toBe(Math.max(...values));
          expect(fast.sumMs / fast.count).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
        },
      ),
      { seed: 5, numRuns: 150 },
    );
  });

  it('keeps p99.9 within 0.1 % of the exact value and never above the max', () => {
    const h = new LatencyHistogram();
    const values = Array.from({ length: 100_000 }, (_, i) => 1 + ((i * 7919) % 100_000) / 100); // 1 … 1000 ms
    values.forEach((v) => h.record(v));
    const sorted = [...values].sort((a, b) => a - b);
    const s = h.summary();
    expect(Math.abs(s.p999 - sorted[Math.ceil(0.999 * sorted.length) - 1]!) / s.p999).toBeLessThan(0.001);
    expect(s.p999).toBeLessThanOrEqual(s.max);
    expect(s.max).toBe(sorted[sorted.length - 1]);
  });

  it('records a batch of n equal values as n values', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    a.recordCount(12.5, 4);
    for (let i = 0; i < 4; i++) b.record(12.5);
    expect(a.summary()).toEqual(b.summary());
    expect(a.count).toBe(4);
  });
});
