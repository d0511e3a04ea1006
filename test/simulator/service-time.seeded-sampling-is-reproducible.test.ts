// Draws are a pure function of the uniform stream: the same seed gives the same service times,
// and the average of many draws converges to mean(n) at, between and beyond measured sizes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stream } from '../../common/rng.js';
import { serviceTimeFor } from '../../simulator/fleet/service-time.js';
import { FC_SEED, arbitraryBatches, importedProfile } from '../calibration/helpers.js';

describe('seeded service-time sampling', () => {
  it('gives the same draws for the same seed', () => {
    fc.assert(
      fc.property(arbitraryBatches, fc.integer({ min: 1, max: 100 }), fc.integer(), (batches, n, seed) => {
        const st = serviceTimeFor(importedProfile(batches));
        const draw = (s: number) => {
          const u = stream(s, 'service');
          return Array.from({ length: 20 }, () => st.sample(n, u));
        };
        expect(draw(seed)).toEqual(draw(seed));
      }),
      { seed: FC_SEED, numRuns: 100 },
    );
  });

  it('averages to mean(n) over many draws', () => {
    fc.assert(
      fc.property(arbitraryBatches, fc.integer({ min: 1, max: 100 }), (batches, n) => {
        const st = serviceTimeFor(importedProfile(batches));
        const u = stream(FC_SEED, 'mean');
        const draws = 20_000;
        let sum = 0;
        let sumSq = 0;
        for (let i = 0; i < draws; i++) {
          const x = st.sample(n, u);
          sum += x;
          sumSq += x * x;
        }
        const avg = sum / draws;
        const sd = Math.sqrt(Math.max(0, sumSq / draws - avg * avg));
        // Five standard errors, plus rounding slack for a constant distribution.
        expect(Math.abs(avg - st.mean(n))).toBeLessThanOrEqual((5 * sd) / Math.sqrt(draws) + 1e-9 * avg);
      }),
      { seed: FC_SEED, numRuns: 40 },
    );
  });
});
