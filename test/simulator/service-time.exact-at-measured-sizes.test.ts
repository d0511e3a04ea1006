// At a measured batch size the service time is that size's empirical distribution, exactly:
// sample(s, u=p) is the empirical p-quantile, and mean(s) the sample mean.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { serviceTimeFor } from '../../simulator/fleet/service-time.js';
import { FC_SEED, arbitraryBatches, constant, empiricalQuantile, importedProfile } from '../calibration/helpers.js';

describe('service time at measured batch sizes', () => {
  it('sample(s, p) is the empirical p-quantile of size s', () => {
    fc.assert(
      fc.property(arbitraryBatches, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (batches, p) => {
        const st = serviceTimeFor(importedProfile(batches));
        for (const { size, samples } of batches) expect(st.sample(size, constant(p))).toBe(empiricalQuantile(samples, p));
      }),
      { seed: FC_SEED, numRuns: 300 },
    );
  });

  it('mean(s) is the sample mean of size s', () => {
    fc.assert(
      fc.property(arbitraryBatches, (batches) => {
        const st = serviceTimeFor(importedProfile(batches));
        for (const { size, samples } of batches) {
          expect(st.mean(size)).toBeCloseTo(samples.reduce((a, b) => a + b, 0) / samples.length, 9);
        }
      }),
      { seed: FC_SEED, numRuns: 300 },
    );
  });

  it('reports the largest measured size', () => {
    const st = serviceTimeFor(importedProfile([{ size: 1, samples: [2] }, { size: 8, samples: [5] }]));
    expect(st.maxMeasuredBatch).toBe(8);
    expect(st.extrapolation).toMatch(/beyond 8/);
  });
});
