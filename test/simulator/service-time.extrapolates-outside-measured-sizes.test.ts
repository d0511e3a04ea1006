// Beyond the largest measured size each quantile grows linearly from the last two sizes (never
// below the last); below the smallest it shrinks, clamped between proportional scaling and the
// smallest size's value. `extrapolation` says so.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { serviceTimeFor } from '../../simulator/fleet/service-time.js';
import { FC_SEED, arbitraryBatches, constant, importedProfile } from '../calibration/helpers.js';

describe('service time outside the measured batch sizes', () => {
  it('extrapolates linearly from the last two sizes', () => {
    const st = serviceTimeFor(importedProfile([{ size: 8, samples: [10, 12] }, { size: 16, samples: [18, 20] }]));
    expect(st.sample(24, constant(0.25))).toBe(26);
    expect(st.sample(32, constant(0.75))).toBe(36);
    expect(st.mean(32)).toBe(35);
    expect(st.extrapolation).toMatch(/beyond 16, each quantile is extrapolated linearly from sizes 8 and 16/);
  });

  it('never falls below the largest measured size when the last two sizes are noisy', () => {
    fc.assert(
      fc.property(arbitraryBatches, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 1, max: 200 }), (batches, p, extra) => {
        const st = serviceTimeFor(importedProfile(batches));
        const last = st.maxMeasuredBatch;
        expect(st.sample(last + extra, constant(p))).toBeGreaterThanOrEqual(st.sample(last, constant(p)));
        expect(st.mean(last + extra)).toBeGreaterThanOrEqual(st.mean(last) - 1e-9);
      }),
      { seed: FC_SEED, numRuns: 300 },
    );
  });

  it('below the smallest size follows the line through the two smallest, clamped to [q·n/first, q]', () => {
    // Quantiles at 4: 8, at 8: 10 → a line with 6 ms at n = 0; n = 2 gives 7, inside [4, 8].
    const st = serviceTimeFor(importedProfile([{ size: 4, samples: [8] }, { size: 8, samples: [10] }]));
    expect(st.sample(2, constant(0.5))).toBe(7);
    expect(st.mean(2)).toBe(7);
    // Steep growth: the line would go below proportional scaling, so it is clamped to 20·1/4.
    const steep = serviceTimeFor(importedProfile([{ size: 4, samples: [20] }, { size: 8, samples: [100] }]));
    expect(steep.sample(1, constant(0.5))).toBe(5);
    // Noise (the larger size is faster): no saving is assumed below the smallest size.
    const noisy = serviceTimeFor(importedProfile([{ size: 4, samples: [20] }, { size: 8, samples: [15] }]));
    expect(noisy.sample(1, constant(0.5))).toBe(20);
    expect(st.extrapolation).toMatch(/below 4/);
  });

  it('with a single measured size: the same distribution below it, proportional above it', () => {
    const st = serviceTimeFor(importedProfile([{ size: 4, samples: [8, 12] }]));
    expect(st.sample(1, constant(0.2))).toBe(8);
    expect(st.sample(8, constant(0.7))).toBe(24);
    expect(st.mean(8)).toBe(20);
    expect(st.extrapolation).toMatch(/only/);
  });
});
