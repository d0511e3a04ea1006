// Between measured sizes the whole distribution is interpolated (each quantile linearly in batch
// size), so it is monotone in n wherever the data is, and its mean is the interpolated mean.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { serviceTimeFor } from '../../simulator/fleet/service-time.js';
import { FC_SEED, arbitraryGrowingBatches, constant, empiricalQuantile, importedProfile } from '../calibration/helpers.js';

describe('service time between measured batch sizes', () => {
  it('interpolates each quantile linearly: halfway between 2 and 4 is the average of their quantiles', () => {
    const st = serviceTimeFor(importedProfile([{ size: 2, samples: [10, 20, 30, 40] }, { size: 4, samples: [30, 50, 70, 90] }]));
    expect(st.sample(3, constant(0.1))).toBe(20);
    expect(st.sample(3, constant(0.9))).toBe(65);
    expect(st.mean(3)).toBe(42.5);
  });

  it('is monotone in n (for every quantile) when the measured distributions grow with batch size', () => {
    fc.assert(
      fc.property(arbitraryGrowingBatches, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (batches, p) => {
        const st = serviceTimeFor(importedProfile(batches));
        const max = batches[batches.length - 1]!.size * 2;
        let previous = 0;
        for (let n = 1; n <= max; n++) {
          const q = st.sample(n, constant(p));
          expect(q).toBeGreaterThanOrEqual(previous - 1e-9);
          previous = q;
        }
      }),
      { seed: FC_SEED, numRuns: 200 },
    );
  });

  it('stays between the neighbouring sizes’ quantiles', () => {
    fc.assert(
      fc.property(arbitraryGrowingBatches, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (batches, p) => {
        const st = serviceTimeFor(importedProfile(batches));
        for (let i = 1; i < batches.length; i++) {
          const lo = batches[i - 1]!;
          const hi = batches[i]!;
          for (let n = lo.size; n <= hi.size; n++) {
            const q = st.sample(n, constant(p));
            expect(q).toBeGreaterThanOrEqual(empiricalQuantile(lo.samples, p) - 1e-9);
            expect(q).toBeLessThanOrEqual(empiricalQuantile(hi.samples, p) + 1e-9);
          }
        }
      }),
      { seed: FC_SEED, numRuns: 200 },
    );
  });
});
